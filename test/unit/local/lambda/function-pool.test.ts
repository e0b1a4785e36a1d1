import {
  DURATION_WINDOW,
  FunctionPool,
  type FunctionPoolOptions,
  INIT_WINDOW,
} from '../../../../local/lambda/function-pool';
import { LambdaInvocationError } from '../../../../local/lambda/lambda-errors';
import { aDefinition, FakeEnvironments, type FakeInvocation } from './fake-environments';

function setUp(options: Partial<FunctionPoolOptions> = {}) {
  const environments = new FakeEnvironments().install();
  const pool = new FunctionPool(aDefinition(), {
    concurrency: 1,
    runtimeEnvironment: {},
    output: () => undefined,
    now: () => environments.now,
    ...options,
  });
  const invoke = (invocation: FakeInvocation = {}) => pool.invoke(invocation, 3000);
  return { environments, pool, invoke };
}

describe('FunctionPool', () => {
  let stopPool: (() => Promise<void>) | undefined;

  afterEach(async () => {
    await stopPool?.();
    stopPool = undefined;
    jest.restoreAllMocks();
  });

  const started = (options: Partial<FunctionPoolOptions> = {}) => {
    const parts = setUp(options);
    stopPool = () => parts.pool.stop();
    return parts;
  };

  describe('durations', () => {
    it('should report no duration percentiles before the first invocation', async () => {
      // Arrange
      const { pool } = started({ concurrency: 0 });

      // Act: a throttled invocation never ran, so it has no duration
      await pool.invoke({}, 3000).catch(() => undefined);

      // Assert
      expect(pool.snapshot()).toMatchObject({ durationP50Ms: null, durationP99Ms: null, throttles: 1 });
    });

    it('should report p50 and p99 of the invocations it ran', async () => {
      // Arrange
      const { pool, invoke } = started();

      // Act: 1..100 ms
      for (let ms = 1; ms <= 100; ms += 1) await invoke({ ms });

      // Assert
      expect(pool.snapshot()).toMatchObject({ invocations: 100, durationP50Ms: 50, durationP99Ms: 99 });
    });

    it('should count the duration of failed invocations too', async () => {
      // Arrange
      const { pool, invoke } = started();

      // Act
      await invoke({ ms: 40, outcome: 'error' }).catch(() => undefined);

      // Assert
      expect(pool.snapshot()).toMatchObject({ errors: 1, durationP50Ms: 40, durationP99Ms: 40 });
    });

    it('should take percentiles over the most recent invocations only', async () => {
      // Arrange: a slow start-up phase fills the window
      const { pool, invoke } = started();
      for (let i = 0; i < DURATION_WINDOW; i += 1) await invoke({ ms: 1000 });

      // Act: as many fast invocations push every slow one out
      for (let i = 0; i < DURATION_WINDOW; i += 1) await invoke({ ms: 2 });

      // Assert
      expect(pool.snapshot()).toMatchObject({
        invocations: 2 * DURATION_WINDOW,
        durationP50Ms: 2,
        durationP99Ms: 2,
      });
    });
  });

  describe('cold starts', () => {
    it('should keep the first cold start and a bounded window of recent ones', async () => {
      // Arrange: every invocation crashes its environment, so each one starts a new one
      const { environments, pool, invoke } = started();
      environments.nextInitMs = 100;
      const coldStarts = INIT_WINDOW + 10;

      // Act
      for (let i = 0; i < coldStarts; i += 1) await invoke({ outcome: 'crash' }).catch(() => undefined);

      // Assert
      const stats = pool.snapshot();
      expect(stats).toMatchObject({ coldStarts, firstInitMs: 100 });
      expect(stats.recentInitDurationsMs).toHaveLength(INIT_WINDOW);
      expect(stats.recentInitDurationsMs[0]).toBe(100 + coldStarts - INIT_WINDOW);
      expect(stats.recentInitDurationsMs.at(-1)).toBe(100 + coldStarts - 1);
    });

    it('should report no cold start before the first one', () => {
      // Arrange
      const { pool } = started();

      // Act
      const stats = pool.snapshot();

      // Assert
      expect(stats).toMatchObject({ coldStarts: 0, firstInitMs: null, recentInitDurationsMs: [] });
    });
  });

  describe('errors', () => {
    it('should count every failed invocation: handler error, timeout, crash and failed init', async () => {
      // Arrange
      const { environments, pool, invoke } = started();

      // Act
      const outcomes = await Promise.allSettled([
        invoke(),
        invoke({ outcome: 'error' }),
        invoke({ outcome: 'timeout' }),
        invoke({ outcome: 'crash' }),
      ]);
      // No environment is left (the crash ended the last one), so the next invocation starts one.
      environments.failNextStart = new LambdaInvocationError('fn', 'Runtime.ImportModuleError', 'no module');
      const initFailure = await invoke().catch((error: unknown) => error);

      // Assert
      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        'fulfilled',
        'rejected',
        'rejected',
        'rejected',
      ]);
      expect(initFailure).toMatchObject({ errorType: 'Runtime.ImportModuleError' });
      expect(pool.snapshot()).toMatchObject({ invocations: 5, errors: 4, throttles: 0 });
    });

    it('should count a cold start that fails for a queued invocation once', async () => {
      // Arrange: the first invocation's environment crashes while a second one waits for it
      const { environments, pool, invoke } = started();
      environments.hold();
      const first = invoke({ outcome: 'crash' });
      const second = invoke();
      await Promise.resolve();

      // Act: the waiter's cold start fails
      environments.failNextStart = new LambdaInvocationError('fn', 'Runtime.ImportModuleError', 'no module');
      environments.release();
      const outcomes = await Promise.allSettled([first, second]);

      // Assert
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
      expect(pool.snapshot()).toMatchObject({ invocations: 2, errors: 2 });
    });

    it('should not count successful invocations as errors', async () => {
      // Arrange
      const { pool, invoke } = started();

      // Act
      await invoke();
      await invoke();

      // Assert
      expect(pool.snapshot()).toMatchObject({ invocations: 2, errors: 0 });
    });
  });

  describe('throttles', () => {
    it('should count every invocation of a function whose reserved concurrency is 0', async () => {
      // Arrange
      const { pool, invoke } = started({ concurrency: 0 });

      // Act
      const errors = await Promise.all([invoke(), invoke()].map((run) => run.catch((e: unknown) => e)));

      // Assert
      expect(errors).toEqual([
        expect.objectContaining({ name: 'TooManyRequestsException' }),
        expect.objectContaining({ name: 'TooManyRequestsException' }),
      ]);
      expect(pool.snapshot()).toMatchObject({ throttles: 2, invocations: 0, errors: 0 });
    });

    it('should count every invocation refused because the queue is full, and only those', async () => {
      // Arrange: one environment, one waiting place
      const { environments, pool, invoke } = started({ maxQueued: 1 });
      environments.hold();
      const accepted = [invoke(), invoke()];
      await Promise.resolve();

      // Act
      const refused = await Promise.all([invoke(), invoke()].map((run) => run.catch((e: unknown) => e)));
      const refusedOnItsBehalf = pool.throttleIfSaturated();
      environments.release();
      await Promise.all(accepted);

      // Assert
      expect(refused).toEqual([
        expect.objectContaining({ name: 'TooManyRequestsException', queued: 1 }),
        expect.objectContaining({ name: 'TooManyRequestsException', queued: 1 }),
      ]);
      expect(refusedOnItsBehalf).toBe(true);
      expect(pool.throttleIfSaturated()).toBe(false);
      expect(pool.snapshot()).toMatchObject({ throttles: 3, invocations: 2, errors: 0 });
    });
  });
});
