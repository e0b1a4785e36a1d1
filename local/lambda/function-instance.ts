import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { projectRoot } from '../platform/project-root';
import type { LambdaFunctionDefinition } from './function-definition';
import { LambdaInvocationError, LambdaTimeoutError } from './lambda-errors';

/** Lines a worker writes, for the log forwarder. */
export type WorkerOutput = (stream: 'stdout' | 'stderr', readable: Readable) => void;

interface SerializedError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly stack?: string;
}

type WorkerMessage =
  | { type: 'ready'; initMs: number }
  | { type: 'init-error'; error: SerializedError }
  | { type: 'result'; invocationId: string; payload: string }
  | { type: 'error'; invocationId: string; error: SerializedError };

/** How the init phase of an environment ends; the first end wins. */
interface InitWatch {
  succeed(): void;
  fail(error: Error): void;
}

interface Pending {
  readonly invocationId: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** Plain JavaScript, loaded from its source folder whether the runner runs from sources or bundled. */
const BOOTSTRAP = join(projectRoot(), 'local', 'lambda', 'worker-bootstrap.cjs');
/** Lambda's limit for the init phase of an on-demand function. */
const INIT_TIMEOUT_MS = 10_000;
/**
 * The young generation of each environment's heap, in MB. V8 gives a worker 48 MB unless told,
 * and Lambda's Node.js runtime a tenth of the function's memory; here every environment shares
 * one process, and 8 MB lowered the runner's peak RSS under the load bench by about 70 MB (three
 * busy environments: 386 to 389 MB against 319 to 322) with no CPU cost the bench could tell
 * from its noise. The memory limit, the old generation, stays the function's MemorySize.
 */
const YOUNG_GENERATION_MB = 8;

/**
 * One execution environment: a worker thread with the function's own environment variables and
 * heap limit, running one invocation at a time. A timeout, a crash or running out of memory
 * ends the environment (the worker is terminated) and the pool starts a fresh one next time.
 */
export class FunctionInstance {
  /** Milliseconds the cold start took: worker creation plus module load. */
  initMs = 0;
  private worker: Worker | undefined;
  private pending: Pending | undefined;
  private dead = false;

  private constructor(private readonly definition: LambdaFunctionDefinition) {}

  /** Starts a worker and loads the handler (the cold start). */
  static async start(
    definition: LambdaFunctionDefinition,
    runtimeEnvironment: Readonly<Record<string, string>>,
    output: WorkerOutput,
  ): Promise<FunctionInstance> {
    const instance = new FunctionInstance(definition);
    await instance.boot(runtimeEnvironment, output);
    return instance;
  }

  get isAlive(): boolean {
    return !this.dead;
  }

  /** Runs one invocation; rejects with `LambdaInvocationError` on any failure. */
  invoke(event: unknown, timeoutMs: number, invokedFunctionArn: string): Promise<unknown> {
    const worker = this.worker;
    if (worker === undefined || this.dead || this.pending !== undefined) {
      return Promise.reject(new Error(`${this.definition.name}: environment is not available`));
    }
    const invocationId = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(new LambdaTimeoutError(this.definition.name, timeoutMs));
      }, timeoutMs);
      this.pending = {
        invocationId,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      worker.postMessage({
        type: 'invoke',
        invocationId,
        event,
        deadlineMs: Date.now() + timeoutMs,
        awsRequestId: invocationId,
        invokedFunctionArn,
      });
    });
  }

  /** Ends the environment; an invocation in flight fails. */
  async terminate(): Promise<void> {
    this.dead = true;
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private boot(runtimeEnvironment: Readonly<Record<string, string>>, output: WorkerOutput): Promise<void> {
    const started = performance.now();
    const worker = this.spawnWorker(runtimeEnvironment);
    this.worker = worker;
    output('stdout', worker.stdout);
    output('stderr', worker.stderr);
    const { name } = this.definition;
    return new Promise((resolve, reject) => {
      const init = this.initWatch(started, resolve, reject);
      worker.on('message', (message: WorkerMessage) => this.onWorkerMessage(message, init));
      worker.on('error', (error: Error & { code?: string }) => {
        const failure = this.runtimeFailure(error);
        init.fail(failure);
        this.fail(failure);
      });
      worker.on('exit', (code) => {
        this.dead = true;
        init.fail(
          new LambdaInvocationError(
            name,
            'Runtime.ExitError',
            `Runtime exited with code ${code} during init`,
          ),
        );
        this.fail(new LambdaInvocationError(name, 'Runtime.ExitError', 'Runtime exited'));
      });
    });
  }

  /** The worker thread of this environment, with the function's own variables and memory limit. */
  private spawnWorker(runtimeEnvironment: Readonly<Record<string, string>>): Worker {
    const definition = this.definition;
    return new Worker(BOOTSTRAP, {
      // Each worker gets its own process.env: the function's variables, not the runner's.
      env: { ...definition.environment, ...runtimeEnvironment },
      // The runner may run under tsx or jest; the function must not inherit their loaders.
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: {
        maxOldGenerationSizeMb: definition.memorySizeMb,
        maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
      },
      workerData: {
        codeDir: definition.codeDir,
        handler: definition.handler,
        functionName: definition.name,
        memorySizeMb: definition.memorySizeMb,
        logGroupName: definition.logGroupName,
        logStreamName: runtimeEnvironment.AWS_LAMBDA_LOG_STREAM_NAME,
      },
    });
  }

  /**
   * The init phase: it ends once, by the handler loading (`succeed`), by a failure (`fail`, which
   * does nothing once init is over) or by the init timeout, which ends the environment.
   */
  private initWatch(started: number, resolve: () => void, reject: (error: Error) => void): InitWatch {
    const { name, timeoutSeconds } = this.definition;
    let booting = true;
    const end = (): boolean => {
      if (!booting) return false;
      booting = false;
      clearTimeout(timer);
      return true;
    };
    const timer = setTimeout(
      () => {
        if (!end()) return;
        void this.terminate();
        reject(
          new LambdaInvocationError(name, 'Sandbox.Timedout', `Init timed out after ${INIT_TIMEOUT_MS} ms`),
        );
      },
      Math.max(INIT_TIMEOUT_MS, timeoutSeconds * 1000),
    );
    return {
      succeed: () => {
        if (!end()) return;
        this.initMs = performance.now() - started;
        resolve();
      },
      fail: (error) => {
        if (end()) reject(error);
      },
    };
  }

  /** A message of the worker: the end of init, or the answer to the invocation in flight. */
  private onWorkerMessage(message: WorkerMessage, init: InitWatch): void {
    const { name } = this.definition;
    if (message.type === 'ready') {
      init.succeed();
    } else if (message.type === 'init-error') {
      const { errorType, errorMessage, stack } = message.error;
      init.fail(new LambdaInvocationError(name, errorType, errorMessage, stack));
      void this.terminate();
    } else if (this.pending?.invocationId === message.invocationId) {
      const pending = this.pending;
      this.pending = undefined;
      if (message.type === 'result') {
        pending.resolve(JSON.parse(message.payload));
      } else {
        const { errorType, errorMessage, stack } = message.error;
        pending.reject(new LambdaInvocationError(name, errorType, errorMessage, stack));
      }
    }
  }

  /** What Lambda reports when the runtime itself dies: out of memory, or another exit error. */
  private runtimeFailure(error: Error & { code?: string }): LambdaInvocationError {
    const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
    return new LambdaInvocationError(
      this.definition.name,
      outOfMemory ? 'Runtime.OutOfMemory' : 'Runtime.ExitError',
      outOfMemory
        ? `Runtime exited: memory limit of ${this.definition.memorySizeMb} MB exceeded`
        : `Runtime exited with error: ${error.message}`,
      error.stack,
    );
  }

  /** Fails the invocation in flight and ends the environment, as Lambda does after an error of the runtime. */
  private fail(error: Error): void {
    const pending = this.pending;
    this.pending = undefined;
    if (!this.dead) void this.terminate();
    pending?.reject(error);
  }
}
