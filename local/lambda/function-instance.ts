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
    const definition = this.definition;
    const worker = new Worker(BOOTSTRAP, {
      // Each worker gets its own process.env: the function's variables, not the runner's.
      env: { ...definition.environment, ...runtimeEnvironment },
      // The runner may run under tsx or jest; the function must not inherit their loaders.
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: definition.memorySizeMb },
      workerData: {
        codeDir: definition.codeDir,
        handler: definition.handler,
        functionName: definition.name,
        memorySizeMb: definition.memorySizeMb,
        logGroupName: definition.logGroupName,
        logStreamName: runtimeEnvironment.AWS_LAMBDA_LOG_STREAM_NAME,
      },
    });
    this.worker = worker;
    output('stdout', worker.stdout);
    output('stderr', worker.stderr);
    return new Promise((resolve, reject) => {
      let booting = true;
      const initTimer = setTimeout(
        () => {
          booting = false;
          void this.terminate();
          reject(
            new LambdaInvocationError(
              definition.name,
              'Sandbox.Timedout',
              `Init timed out after ${INIT_TIMEOUT_MS} ms`,
            ),
          );
        },
        Math.max(INIT_TIMEOUT_MS, definition.timeoutSeconds * 1000),
      );
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          booting = false;
          clearTimeout(initTimer);
          this.initMs = performance.now() - started;
          resolve();
        } else if (message.type === 'init-error') {
          booting = false;
          clearTimeout(initTimer);
          void this.terminate();
          reject(
            new LambdaInvocationError(
              definition.name,
              message.error.errorType,
              message.error.errorMessage,
              message.error.stack,
            ),
          );
        } else if (this.pending?.invocationId === message.invocationId) {
          const pending = this.pending;
          this.pending = undefined;
          if (message.type === 'result') pending.resolve(JSON.parse(message.payload));
          else {
            pending.reject(
              new LambdaInvocationError(
                definition.name,
                message.error.errorType,
                message.error.errorMessage,
                message.error.stack,
              ),
            );
          }
        }
      });
      worker.on('error', (error: Error & { code?: string }) => {
        const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
        const failure = new LambdaInvocationError(
          definition.name,
          outOfMemory ? 'Runtime.OutOfMemory' : 'Runtime.ExitError',
          outOfMemory
            ? `Runtime exited: memory limit of ${definition.memorySizeMb} MB exceeded`
            : `Runtime exited with error: ${error.message}`,
          error.stack,
        );
        if (booting) {
          booting = false;
          clearTimeout(initTimer);
          reject(failure);
        }
        this.fail(failure);
      });
      worker.on('exit', (code) => {
        this.dead = true;
        if (booting) {
          booting = false;
          clearTimeout(initTimer);
          reject(
            new LambdaInvocationError(
              definition.name,
              'Runtime.ExitError',
              `Runtime exited with code ${code} during init`,
            ),
          );
        }
        this.fail(new LambdaInvocationError(definition.name, 'Runtime.ExitError', 'Runtime exited'));
      });
    });
  }

  /** Fails the invocation in flight and ends the environment, as Lambda does after an error of the runtime. */
  private fail(error: Error): void {
    const pending = this.pending;
    this.pending = undefined;
    if (!this.dead) void this.terminate();
    pending?.reject(error);
  }
}
