import { DurationWindow } from './duration-window';
import type { LambdaFunctionDefinition } from './function-definition';
import { FunctionInstance, type WorkerOutput } from './function-instance';
import { FunctionQueueFullError, FunctionThrottledError, RuntimeStoppingError } from './lambda-errors';

/** Counters of one function, for the banner, the console, benchmarks and tests. */
export interface FunctionStats {
  /** Invocations that got an environment, or failed trying (init error, stop); not throttles. */
  readonly invocations: number;
  /** Failed invocations: handler error, timeout, crash, init failure, or the runtime stopping. */
  readonly errors: number;
  /** Invocations refused: reserved concurrency 0, or every environment busy and the queue full. */
  readonly throttles: number;
  /**
   * Median duration of the last `DURATION_WINDOW` invocations (handler run, failures included,
   * no queue wait or cold start), in ms; null before the first invocation.
   */
  readonly durationP50Ms: number | null;
  /** 99th percentile duration over the same window, in ms; null before the first invocation. */
  readonly durationP99Ms: number | null;
  readonly coldStarts: number;
  /** Duration of the first cold start (worker creation + module load), in ms; null before it. */
  readonly firstInitMs: number | null;
  /** Durations of the last `INIT_WINDOW` cold starts, oldest first, in ms. */
  readonly recentInitDurationsMs: readonly number[];
  /** Environments alive now (busy or warm). */
  readonly environments: number;
  /** Invocations running now. */
  readonly running: number;
  /** Invocations waiting for a free environment. */
  readonly queued: number;
  /** Most invocations that ran at the same time. */
  readonly peakConcurrency: number;
}

export interface FunctionPoolOptions {
  /** Environments that may run at once. */
  readonly concurrency: number;
  /** Variables the runtime adds to the function's own (endpoint, credentials, Lambda's reserved names). */
  readonly runtimeEnvironment: Readonly<Record<string, string>>;
  readonly output: WorkerOutput;
  /** A warm environment unused this long is ended. @default 30000 */
  readonly idleTimeoutMs?: number;
  /**
   * Invocations that may wait for a busy environment; more are refused with
   * `FunctionQueueFullError`, so a burst costs bounded memory. @default 100
   */
  readonly maxQueued?: number;
  /** Clock of invocation durations, for tests. @default performance.now */
  readonly now?: () => number;
  /** Called when the idle timeout has ended an environment (its thread is told to stop). */
  readonly onIdleEnded?: () => void;
}

/** How long a warm environment waits for its next invocation before it is ended. */
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
/** Invocations that may wait for an environment of one function. */
export const DEFAULT_MAX_QUEUED = 100;
/**
 * Invocations the duration percentiles are taken over. A window, not the whole run: the console
 * shows how the function behaves now (a slow start-up phase does not weigh on it an hour later),
 * and the memory is fixed (8 KiB per function) however long the local cloud runs.
 */
export const DURATION_WINDOW = 1024;
/**
 * Recent cold starts kept besides the first: environments come and go all run long (idle
 * timeout, crashes), so keeping every one would grow without bound.
 */
export const INIT_WINDOW = 32;

interface Waiter {
  resolve(instance: FunctionInstance): void;
  reject(error: Error): void;
}

/**
 * The execution environments of one function: reuses warm ones, starts a new one (cold start)
 * while under the concurrency limit, and queues invocations beyond it in arrival order.
 */
export class FunctionPool {
  private readonly idle: FunctionInstance[] = [];
  /** Every live environment, busy or idle, so `stop` can end them all. */
  private readonly instances = new Set<FunctionInstance>();
  private readonly idleTimers = new Map<FunctionInstance, NodeJS.Timeout>();
  private readonly waiters: Waiter[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private environments = 0;
  private running = 0;
  /** Set by drain and stop: new invocations are refused. */
  private stopping = false;
  /** Set by stop only: environments end now, even ones still starting. */
  private stopped = false;
  private stats = { invocations: 0, errors: 0, throttles: 0, coldStarts: 0, peakConcurrency: 0 };
  private firstInitMs: number | null = null;
  private readonly initDurations = new DurationWindow(INIT_WINDOW);
  private readonly durations = new DurationWindow(DURATION_WINDOW);
  private readonly now: () => number;

  constructor(
    readonly definition: LambdaFunctionDefinition,
    private readonly options: FunctionPoolOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Runs one invocation in a free environment, waiting for one when all are busy. */
  invoke(event: unknown, timeoutMs: number): Promise<unknown> {
    if (this.stopping) return Promise.reject(new RuntimeStoppingError(this.definition.name));
    if (this.options.concurrency <= 0) {
      // ReservedConcurrentExecutions 0 is how a function is switched off: every invoke is throttled.
      this.stats.throttles += 1;
      return Promise.reject(new FunctionThrottledError(this.definition.name));
    }
    if (this.throttleIfSaturated()) {
      return Promise.reject(
        new FunctionQueueFullError(this.definition.name, this.environments, this.waiters.length),
      );
    }
    const run = this.run(event, timeoutMs);
    this.inFlight.add(run);
    const forget = () => this.inFlight.delete(run);
    run.then(forget, forget);
    return run;
  }

  /** Environments this function may have at once. */
  get concurrency(): number {
    return this.options.concurrency;
  }

  /**
   * Whether the next invocation would be refused because the queue is full; if so, counts the
   * refusal, for a caller that refuses it on the function's behalf (an asynchronous target).
   */
  throttleIfSaturated(): boolean {
    if (!this.saturated) return false;
    this.stats.throttles += 1;
    return true;
  }

  /** Environments started and not yet ended, busy or idle. */
  get environmentCount(): number {
    return this.environments;
  }

  /** Every environment is busy and the queue of waiting invocations is full: the next is refused. */
  get saturated(): boolean {
    return (
      this.idle.length === 0 &&
      this.environments >= this.options.concurrency &&
      this.waiters.length >= (this.options.maxQueued ?? DEFAULT_MAX_QUEUED)
    );
  }

  snapshot(): FunctionStats {
    const [durationP50Ms = null, durationP99Ms = null] = this.durations.percentiles([50, 99]);
    return {
      ...this.stats,
      durationP50Ms,
      durationP99Ms,
      firstInitMs: this.firstInitMs,
      recentInitDurationsMs: this.initDurations.toArray(),
      environments: this.environments,
      running: this.running,
      queued: this.waiters.length,
    };
  }

  /** Refuses new invocations, lets queued and running ones finish, then ends every environment. */
  async drain(): Promise<void> {
    this.stopping = true;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.stop();
  }

  /** Ends every environment now; running invocations fail. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stopped = true;
    for (const waiter of this.waiters.splice(0))
      waiter.reject(new RuntimeStoppingError(this.definition.name));
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    this.idle.splice(0);
    await Promise.all([...this.instances].map((instance) => instance.terminate()));
    this.instances.clear();
  }

  private async run(event: unknown, timeoutMs: number): Promise<unknown> {
    let instance: FunctionInstance;
    try {
      instance = await this.acquire();
    } catch (error) {
      // Counted here, whichever path failed (its own cold start, a waiter's, or stop): once each.
      this.stats.invocations += 1;
      this.stats.errors += 1;
      throw error;
    }
    this.running += 1;
    this.stats.invocations += 1;
    this.stats.peakConcurrency = Math.max(this.stats.peakConcurrency, this.running);
    const started = this.now();
    try {
      return await instance.invoke(event, timeoutMs, this.definition.arn);
    } catch (error) {
      this.stats.errors += 1;
      throw error;
    } finally {
      this.durations.record(this.now() - started);
      this.running -= 1;
      this.release(instance);
    }
  }

  private async acquire(): Promise<FunctionInstance> {
    for (let instance = this.idle.pop(); instance !== undefined; instance = this.idle.pop()) {
      clearTimeout(this.idleTimers.get(instance));
      this.idleTimers.delete(instance);
      if (instance.isAlive) return instance;
      this.environments -= 1;
    }
    if (this.environments < this.options.concurrency) {
      this.environments += 1;
      try {
        const instance = await FunctionInstance.start(
          this.definition,
          this.options.runtimeEnvironment,
          this.options.output,
        );
        this.stats.coldStarts += 1;
        this.firstInitMs ??= instance.initMs;
        this.initDurations.record(instance.initMs);
        this.instances.add(instance);
        if (this.stopped) {
          // stop() ran while this environment was starting: it must not outlive the runtime.
          void instance.terminate();
          throw new RuntimeStoppingError(this.definition.name);
        }
        return instance;
      } catch (error) {
        this.environments -= 1;
        this.wakeNext();
        throw error;
      }
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private release(instance: FunctionInstance): void {
    if (!instance.isAlive) {
      this.instances.delete(instance);
      this.environments -= 1;
      this.wakeNext();
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter !== undefined) {
      waiter.resolve(instance);
      return;
    }
    if (this.stopping) {
      this.instances.delete(instance);
      this.environments -= 1;
      void instance.terminate();
      return;
    }
    this.idle.push(instance);
    const timer = setTimeout(() => {
      const index = this.idle.indexOf(instance);
      if (index < 0) return;
      this.idle.splice(index, 1);
      this.idleTimers.delete(instance);
      this.instances.delete(instance);
      this.environments -= 1;
      void instance.terminate();
      this.options.onIdleEnded?.();
    }, this.options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS);
    timer.unref();
    this.idleTimers.set(instance, timer);
  }

  /** A slot freed up (an environment ended): start one for the next waiter. */
  private wakeNext(): void {
    const waiter = this.waiters.shift();
    if (waiter === undefined) return;
    this.acquire().then(waiter.resolve, waiter.reject);
  }
}
