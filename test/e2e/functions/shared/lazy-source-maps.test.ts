import { LambdaInvocationError } from '../../../../local/lambda';
import {
  E2E_TIMEOUT_MS,
  startTestCloud,
  type TestCloud,
} from '../../local/runner/support/local-cloud-fixture';

jest.setTimeout(E2E_TIMEOUT_MS);

describe('stack traces of the synthesized functions', () => {
  let test: TestCloud;

  beforeAll(async () => {
    test = await startTestCloud();
  });

  afterAll(async () => {
    await test?.stop();
  });

  // The bundles are the synthesized ones, so this also checks that every function is built with
  // the hook injected (infra/constructs/switchyard-function.ts).
  it('should point an uncaught error at the TypeScript it came from', async () => {
    // Arrange
    const worker = test.cloud.lambda
      .list()
      .find((definition) => definition.name.includes('TaskChannelWorker'));
    if (worker === undefined) throw new Error('the stack has no task worker');

    // Act
    const failure: unknown = await test.cloud.lambda
      .invoke(worker.name, { Records: 'not a list' })
      .catch((error: unknown) => error);

    // Assert
    expect(failure).toBeInstanceOf(LambdaInvocationError);
    const frames = ((failure as LambdaInvocationError).handlerStack ?? '').split('\n').slice(1);
    expect(frames.some((frame) => /functions\/task-worker\/handler\.ts:\d+:\d+\)$/.test(frame))).toBe(true);
    expect(frames.some((frame) => frame.includes('node_modules/@aws-lambda-powertools/batch/'))).toBe(true);
    // No frame is left at a position in the bundle itself.
    expect(frames.filter((frame) => /asset\.[0-9a-f]+\/index\.js:/.test(frame))).toEqual([]);
  });
});
