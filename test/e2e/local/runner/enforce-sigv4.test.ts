import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { clientConfig, E2E_TIMEOUT_MS, startTestCloud, type TestCloud } from './support/local-cloud-fixture';
import { pollUntil } from './support/poll-until';
import { signedRequest } from './support/signed-api';

jest.setTimeout(E2E_TIMEOUT_MS);

describe('the local cloud with --enforce-sigv4', () => {
  let test: TestCloud;

  beforeAll(async () => {
    test = await startTestCloud({ enforceSigV4: true });
  });

  afterAll(async () => {
    await test?.stop();
  });

  it("should run a task to SUCCEEDED: the functions' own SDK calls are signed and verified", async () => {
    // Act
    const accepted = await signedRequest(test.cloud, 'POST', '/tasks', {
      type: 'hello',
      payload: { name: 'Ada' },
    });
    const taskId = (accepted.body as { taskId: string }).taskId;
    const final = await pollUntil(
      `task ${taskId} to finish`,
      async () => {
        const { body } = await signedRequest(test.cloud, 'GET', `/tasks/${taskId}`);
        const status = (body as { status: string }).status;
        return status === 'SUCCEEDED' || status === 'FAILED' ? body : undefined;
      },
      60_000,
      200,
    );

    // Assert
    expect(accepted.status).toBe(202);
    expect(final).toMatchObject({ status: 'SUCCEEDED', result: { greeting: 'Hello, Ada!' } });
  });

  it('should refuse a client signing with another secret', async () => {
    // Arrange
    const sqs = new SQSClient({
      ...clientConfig(test.cloud),
      credentials: {
        accessKeyId: test.cloud.credentials.accessKeyId,
        secretAccessKey: 'not-the-local-secret',
      },
    });

    // Act
    const error = await sqs.send(new ListQueuesCommand({})).catch((e: Error) => e);

    // Assert
    expect(error).toMatchObject({ name: 'InvalidSignatureException' });
    sqs.destroy();
  });
});
