import { TargetUnreachableError } from '../../../../local/eventbridge';
import { LambdaRuntime } from '../../../../local/lambda/lambda-runtime';
import { lambdaTargetInvoker } from '../../../../local/lambda/lambda-target-invoker';
import { aDefinition, FakeEnvironments } from './fake-environments';

describe('lambdaTargetInvoker', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it("should count an event it refuses because the function's queue is full as a throttle", async () => {
    // Arrange: one environment and one waiting place, both taken by held invocations
    const environments = new FakeEnvironments().install();
    const runtime = new LambdaRuntime({
      endpointUrl: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxEnvironments: 1,
      maxQueued: 1,
      logSink: () => undefined,
    });
    const definition = aDefinition();
    runtime.register(definition);
    const targets = lambdaTargetInvoker(runtime, { log: () => undefined, retryDelaysMs: [] });
    environments.hold();
    await targets.invokeAsync(definition.arn, '{}');
    await targets.invokeAsync(definition.arn, '{}');

    // Act
    const refused = await targets.invokeAsync(definition.arn, '{}').catch((error: unknown) => error);
    environments.release();
    await targets.drain();
    await runtime.stop();

    // Assert
    expect(refused).toBeInstanceOf(TargetUnreachableError);
    expect(refused).toMatchObject({ errorCode: 'THROTTLING' });
    expect(runtime.stats()[definition.name]).toMatchObject({ invocations: 2, throttles: 1, errors: 0 });
  });
});
