import { TargetUnreachableError } from '../../../../local/eventbridge';
import {
  LambdaInvocationError,
  LambdaRuntime,
  LambdaTimeoutError,
  lambdaTargetInvoker,
} from '../../../../local/lambda';
import { fixtureFunction } from './support/fixture-function';
import { pollUntil } from './support/poll-until';

jest.setTimeout(60_000);

const newRuntime = (
  options: {
    maxEnvironments?: number;
    maxQueued?: number;
    idleTimeoutMs?: number;
    dynamoDbUrl?: string;
    onQuiet?: () => void;
  } = {},
) =>
  new LambdaRuntime({
    endpointUrl: 'http://127.0.0.1:4566',
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxEnvironments: 10,
    ...options,
    logSink: () => undefined,
  });

describe('the local Lambda runtime', () => {
  let runtime: LambdaRuntime;

  afterEach(async () => {
    await runtime.stop();
  });

  it('should run an ES module handler with the Lambda context and its own environment', async () => {
    // Arrange
    runtime = newRuntime();
    runtime.register(
      fixtureFunction('esm', { environment: { FIXTURE_VALUE: 'esm-only' }, memorySizeMb: 192 }),
    );

    // Act
    const result = (await runtime.invoke('fixture-esm', { hello: 'world' })) as Record<string, unknown>;

    // Assert
    expect(result).toMatchObject({
      module: 'esm',
      invocations: 1,
      echo: { hello: 'world' },
      env: { name: 'fixture-esm', own: 'esm-only' },
      context: {
        functionName: 'fixture-esm',
        invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:fixture-esm',
        memoryLimitInMB: '192',
      },
    });
    const context = result.context as { awsRequestId: string; remainingMs: number };
    expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.remainingMs).toBeGreaterThan(4000);
    expect(context.remainingMs).toBeLessThanOrEqual(5000);
  });

  it('should find a function by logical id, name, ARN and qualified ARN', async () => {
    // Arrange
    runtime = newRuntime();
    const definition = fixtureFunction('cjs');
    runtime.register(definition);

    // Act
    const results = await Promise.all(
      [definition.logicalId, definition.name, definition.arn, `${definition.arn}:$LATEST`].map((reference) =>
        runtime.invoke(reference, {}),
      ),
    );

    // Assert
    expect(results).toHaveLength(4);
    await expect(runtime.invoke('no-such-function', {})).rejects.toThrow(/Function not found/);
  });

  it('should keep each function environment separate from the others and from the runner', async () => {
    // Arrange
    runtime = newRuntime();
    runtime.register(fixtureFunction('cjs', { name: 'one', environment: { FIXTURE_VALUE: 'one' } }));
    runtime.register(
      fixtureFunction('cjs', { name: 'two', logicalId: 'Two', environment: { FIXTURE_VALUE: 'two' } }),
    );

    // Act
    const [one, two] = await Promise.all([runtime.invoke('one', {}), runtime.invoke('two', {})]);

    // Assert
    expect(one).toMatchObject({ env: 'one', region: 'eu-west-1' });
    expect(two).toMatchObject({ env: 'two', region: 'eu-west-1' });
    expect(process.env.FIXTURE_VALUE).toBeUndefined();
  });

  it("should send functions' DynamoDB calls straight to the local DynamoDB when it has its own URL", async () => {
    // Arrange
    runtime = newRuntime({ dynamoDbUrl: 'http://127.0.0.1:4567' });
    runtime.register(fixtureFunction('cjs'));
    const shared = newRuntime();
    shared.register(fixtureFunction('cjs'));

    // Act
    const direct = await runtime.invoke('fixture-cjs', { action: 'endpoints' });
    const viaEndpoint = await shared
      .invoke('fixture-cjs', { action: 'endpoints' })
      .finally(() => shared.stop());

    // Assert
    expect(direct).toEqual({ all: 'http://127.0.0.1:4566', dynamodb: 'http://127.0.0.1:4567' });
    expect(viaEndpoint).toEqual({ all: 'http://127.0.0.1:4566', dynamodb: null });
  });

  it('should reuse a warm environment and count one cold start', async () => {
    // Arrange
    runtime = newRuntime();
    runtime.register(fixtureFunction('cjs'));

    // Act
    await runtime.invoke('fixture-cjs', { action: 'set-global', value: 'kept' });
    const warm = await runtime.invoke('fixture-cjs', { action: 'get-global' });

    // Assert
    expect(warm).toEqual({ value: 'kept', invocations: 2 });
    expect(runtime.stats()['fixture-cjs']).toMatchObject({ coldStarts: 1, invocations: 2, environments: 1 });
  });

  it('should report a handler error in the shape Lambda uses and keep the environment', async () => {
    // Arrange
    runtime = newRuntime();
    runtime.register(fixtureFunction('cjs'));

    // Act
    const error = await runtime
      .invoke('fixture-cjs', { action: 'throw', message: 'bad input' })
      .catch((e) => e);
    const after = await runtime.invoke('fixture-cjs', {});

    // Assert
    expect(error).toBeInstanceOf(LambdaInvocationError);
    expect(error).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad input' });
    expect(after).toMatchObject({ invocations: 2 });
  });

  it('should fail an invocation that runs past its timeout and replace the environment', async () => {
    // Arrange
    runtime = newRuntime();
    runtime.register(fixtureFunction('cjs', { timeoutSeconds: 1 }));
    await runtime.invoke('fixture-cjs', { action: 'set-global', value: 'lost' });

    // Act
    const started = Date.now();
    const error = await runtime.invoke('fixture-cjs', { action: 'sleep', ms: 5000 }).catch((e) => e);
    const elapsed = Date.now() - started;
    const fresh = await runtime.invoke('fixture-cjs', { action: 'get-global' });

    // Assert
    expect(error).toBeInstanceOf(LambdaTimeoutError);
    expect(error).toMatchObject({
      name: 'TimeoutError',
      errorType: 'Sandbox.Timedout',
      errorMessage: 'Task timed out after 1.00 seconds',
    });
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(3000);
    expect(fresh).toEqual({ value: null, invocations: 1 });
    expect(runtime.stats()['fixture-cjs']).toMatchObject({ coldStarts: 2 });
  });

  it('should cap an invocation at a shorter caller timeout, as API Gateway does', async () => {
    // Arrange
    runtime = newRuntime();
    runtime.register(fixtureFunction('cjs', { timeoutSeconds: 10 }));

    // Act
    const result = (await runtime.invoke('fixture-cjs', { action: 'remaining' }, { timeoutMs: 2000 })) as {
      remainingMs: number;
    };

    // Assert
    expect(result.remainingMs).toBeLessThanOrEqual(2000);
  });

  it('should run at most the reserved concurrency at once and queue the rest', async () => {
    // Arrange
    runtime = newRuntime();
    runtime.register(fixtureFunction('cjs', { reservedConcurrency: 2 }));

    // Act
    const results = await Promise.all(
      Array.from({ length: 6 }, () => runtime.invoke('fixture-cjs', { action: 'sleep', ms: 300 })),
    );

    // Assert
    expect(results).toHaveLength(6);
    expect(runtime.stats()['fixture-cjs']).toMatchObject({
      peakConcurrency: 2,
      coldStarts: 2,
      invocations: 6,
      errors: 0,
      queued: 0,
    });
  });

  it('should cap a function at the local environment limit even when its reserved concurrency is higher', async () => {
    // Arrange
    runtime = newRuntime({ maxEnvironments: 2 });
    runtime.register(fixtureFunction('cjs', { reservedConcurrency: 5 }));

    // Act
    await Promise.all(
      Array.from({ length: 5 }, () => runtime.invoke('fixture-cjs', { action: 'sleep', ms: 200 })),
    );

    // Assert
    expect(runtime.capacity('fixture-cjs')).toBe(2);
    expect(runtime.stats()['fixture-cjs']).toMatchObject({
      peakConcurrency: 2,
      coldStarts: 2,
      invocations: 5,
    });
  });

  it('should refuse invocations past a full queue, and run every one it accepted', async () => {
    // Arrange
    runtime = newRuntime({ maxEnvironments: 1, maxQueued: 2 });
    runtime.register(fixtureFunction('cjs'));

    // Act
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, () => runtime.invoke('fixture-cjs', { action: 'sleep', ms: 200 })),
    );

    // Assert: one runs, two wait, two are refused at once with Lambda's throttling name
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(3);
    expect(refused).toHaveLength(2);
    expect(refused[0]).toMatchObject({
      reason: { name: 'TooManyRequestsException', environments: 1, queued: 2 },
    });
    expect(runtime.stats()['fixture-cjs']).toMatchObject({ invocations: 3, throttles: 2, queued: 0 });
  });

  it('should refuse an asynchronous event while the queue is full, so the sender keeps it, and run those it took', async () => {
    // Arrange
    runtime = newRuntime({ maxEnvironments: 1, maxQueued: 1 });
    runtime.register(fixtureFunction('cjs'));
    const targets = lambdaTargetInvoker(runtime, { log: () => undefined });
    const arn = runtime.find('fixture-cjs')?.arn ?? '';
    const payload = JSON.stringify({ action: 'sleep', ms: 200 });

    // Act: one runs, one waits, the third finds no room
    await targets.invokeAsync(arn, payload);
    await targets.invokeAsync(arn, payload);
    const refused = await targets.invokeAsync(arn, payload).catch((error: unknown) => error);
    await targets.drain();

    // Assert
    expect(refused).toBeInstanceOf(TargetUnreachableError);
    expect(refused).toMatchObject({ errorCode: 'THROTTLING' });
    expect(runtime.stats()['fixture-cjs']).toMatchObject({ invocations: 2, errors: 0 });
  });

  it('should end an environment left idle past the idle timeout, and start a fresh one when needed', async () => {
    // Arrange
    runtime = newRuntime({ idleTimeoutMs: 100 });
    runtime.register(fixtureFunction('cjs'));
    await runtime.invoke('fixture-cjs', {});

    // Act
    const reaped = await pollUntil('the idle environment to end', () =>
      runtime.stats()['fixture-cjs']?.environments === 0 ? true : undefined,
    );
    await runtime.invoke('fixture-cjs', {});

    // Assert
    expect(reaped).toBe(true);
    expect(runtime.stats()['fixture-cjs']).toMatchObject({ coldStarts: 2, environments: 1 });
  });

  it('should tell once the idle timeout has ended the last environment of every function', async () => {
    // Arrange: cjs is left idle while esm is kept warm past cjs's idle timeout
    const quietWith: Array<Array<number | undefined>> = [];
    runtime = newRuntime({
      idleTimeoutMs: 1500,
      onQuiet: () => quietWith.push(Object.values(runtime.stats()).map((stats) => stats.environments)),
    });
    runtime.register(fixtureFunction('cjs'));
    runtime.register(fixtureFunction('esm'));
    await runtime.invoke('fixture-cjs', {});
    await runtime.invoke('fixture-esm', {});
    await pollUntil('the idle cjs environment to end', async () => {
      await runtime.invoke('fixture-esm', {});
      return runtime.stats()['fixture-cjs']?.environments === 0 ? true : undefined;
    });
    const whileEsmWarm = quietWith.length;

    // Act: esm is left idle too
    await pollUntil('the quiet notice', () => (quietWith.length > 0 ? true : undefined));

    // Assert
    expect(whileEsmWarm).toBe(0);
    expect(quietWith).toEqual([[0, 0]]);
  });

  it('should throttle every invocation of a function whose reserved concurrency is 0', async () => {
    // Arrange
    runtime = newRuntime();
    runtime.register(fixtureFunction('cjs', { reservedConcurrency: 0 }));

    // Act
    const error = await runtime.invoke('fixture-cjs', {}).catch((e: unknown) => e);

    // Assert
    expect(error).toMatchObject({ name: 'TooManyRequestsException' });
    expect(runtime.stats()['fixture-cjs']).toMatchObject({ coldStarts: 0 });
  });

  it('should end an environment that exceeds its memory size', async () => {
    // Arrange
    runtime = newRuntime();
    runtime.register(fixtureFunction('cjs', { memorySizeMb: 64, timeoutSeconds: 20 }));

    // Act
    const error = await runtime.invoke('fixture-cjs', { action: 'allocate' }).catch((e) => e);
    const after = await runtime.invoke('fixture-cjs', {});

    // Assert
    expect(error).toMatchObject({ errorType: 'Runtime.OutOfMemory' });
    expect(after).toMatchObject({ invocations: 1 });
  });

  it("should give an environment the function's memory size as its heap limit, and a small young generation", async () => {
    // Arrange
    runtime = newRuntime();
    runtime.register(fixtureFunction('cjs', { memorySizeMb: 192 }));

    // Act
    const result = await runtime.invoke('fixture-cjs', { action: 'heap-limits' });

    // Assert
    expect(result).toMatchObject({
      resourceLimits: { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 8 },
    });
  });

  it('should let invocations in flight finish on drain and refuse new ones', async () => {
    // Arrange
    runtime = newRuntime();
    runtime.register(fixtureFunction('cjs'));
    const inFlight = runtime.invoke('fixture-cjs', { action: 'sleep', ms: 500 });

    // Act
    const draining = runtime.drain();
    const refused = await runtime.invoke('fixture-cjs', {}).catch((e) => e);
    await draining;

    // Assert
    await expect(inFlight).resolves.toMatchObject({ slept: 500 });
    expect(refused).toMatchObject({ name: 'ServiceException' });
  });
});
