import { E2E_TIMEOUT_MS, startTestCloud } from './support/local-cloud-fixture';
import { pollUntil } from './support/poll-until';
import { signedRequest } from './support/signed-api';

jest.setTimeout(E2E_TIMEOUT_MS);

describe('stopping the local cloud', () => {
  it('should answer the API request in flight before it stops', async () => {
    // Arrange: the first request of a function waits for its cold start, so it is in flight a while.
    const test = await startTestCloud();
    const inFlight = signedRequest(test.cloud, 'GET', '/tasks/00000000-0000-4000-8000-000000000000');
    await pollUntil(
      'the request to reach its function',
      async () =>
        Object.values(test.cloud.stats()).some((stats) => stats.environments > 0) ? true : undefined,
      10_000,
      5,
    );

    // Act
    await test.stop();

    // Assert
    await expect(inFlight).resolves.toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  });
});
