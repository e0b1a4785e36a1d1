import type { LambdaFunctionDefinition } from './function-definition';
import { FunctionPool, type FunctionStats } from './function-pool';
import { FunctionNotFoundError } from './lambda-errors';
import { consoleLogSink, forwardLines, type LogSink } from './log-forwarder';

/** How to build the runtime. */
export interface LambdaRuntimeOptions {
  /** The local AWS endpoint functions' SDK clients call (`AWS_ENDPOINT_URL`). */
  readonly endpointUrl: string;
  /** Where functions' DynamoDB clients go instead (`AWS_ENDPOINT_URL_DYNAMODB`). @default endpointUrl */
  readonly dynamoDbUrl?: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /**
   * Environments one function may have at once, whatever its reserved concurrency: each is a
   * worker thread with its own heap, so this bounds memory. The same default on every machine,
   * so that a laptop and CI behave alike. @default DEFAULT_MAX_ENVIRONMENTS
   */
  readonly maxEnvironments?: number;
  /** Invocations of one function that may wait for an environment. @default 100 */
  readonly maxQueued?: number;
  /** Where function logs go. @default the console, prefixed by function name */
  readonly logSink?: LogSink;
  /** A warm environment unused this long is ended. @default 30000 */
  readonly idleTimeoutMs?: number;
  /**
   * Called when the idle timeout has ended the last environment of every function: the local
   * cloud has gone quiet, a moment to give memory back.
   */
  readonly onQuiet?: () => void;
}

/**
 * Environments per function unless told otherwise (`npm start --max-environments`). One: on 2
 * cores the load bench ran more tasks per second, at lower latency and CPU per task, with one
 * environment per function than with two, and in two thirds of the memory.
 */
export const DEFAULT_MAX_ENVIRONMENTS = 1;

/** Options of one invocation. */
export interface InvokeOptions {
  /** Shorter than the function's own timeout, e.g. API Gateway's integration timeout. @default the function's timeout */
  readonly timeoutMs?: number;
}

/**
 * The local Lambda service: each function runs in worker threads of its own, with its own
 * environment, timeout, memory limit and concurrency. Functions are found by logical id, name
 * or ARN, so API Gateway integrations, event source mappings and EventBridge targets all reach
 * them the way the template names them.
 */
export class LambdaRuntime {
  private readonly pools = new Map<string, FunctionPool>();
  private readonly byReference = new Map<string, FunctionPool>();
  private readonly logSink: LogSink;

  constructor(private readonly options: LambdaRuntimeOptions) {
    this.logSink = options.logSink ?? consoleLogSink();
  }

  /** Adds a function; its environments start on first use. */
  register(definition: LambdaFunctionDefinition): void {
    const pool = new FunctionPool(definition, {
      concurrency: Math.min(
        definition.reservedConcurrency ?? Number.POSITIVE_INFINITY,
        this.options.maxEnvironments ?? DEFAULT_MAX_ENVIRONMENTS,
      ),
      ...(this.options.idleTimeoutMs !== undefined && { idleTimeoutMs: this.options.idleTimeoutMs }),
      ...(this.options.maxQueued !== undefined && { maxQueued: this.options.maxQueued }),
      runtimeEnvironment: this.runtimeEnvironment(definition),
      output: (stream, readable) => forwardLines(readable, definition.name, stream, this.logSink),
      onIdleEnded: () => this.noticeIdleEnded(),
    });
    this.pools.set(definition.logicalId, pool);
    for (const reference of [definition.logicalId, definition.name, definition.arn]) {
      this.byReference.set(reference, pool);
    }
  }

  /** The registered functions. */
  list(): LambdaFunctionDefinition[] {
    return [...this.pools.values()].map((pool) => pool.definition);
  }

  /** Finds a function by logical id, name, ARN or qualified ARN (`...:$LATEST`). */
  find(reference: string): LambdaFunctionDefinition | undefined {
    return this.pool(reference)?.definition;
  }

  /**
   * Invokes a function synchronously (RequestResponse) and resolves with its JSON response.
   * Rejects with `LambdaInvocationError` (handler error, timeout, crash) or `FunctionNotFoundError`.
   */
  invoke(reference: string, event: unknown, options: InvokeOptions = {}): Promise<unknown> {
    const pool = this.pool(reference);
    if (pool === undefined) return Promise.reject(new FunctionNotFoundError(reference));
    const functionTimeoutMs = pool.definition.timeoutSeconds * 1000;
    const timeoutMs = Math.min(options.timeoutMs ?? functionTimeoutMs, functionTimeoutMs);
    // The event crosses a thread boundary as JSON, exactly as Lambda receives it.
    return pool.invoke(JSON.parse(JSON.stringify(event ?? null)), timeoutMs);
  }

  /** Environments the function may have at once (its reserved concurrency, capped locally). */
  capacity(reference: string): number {
    return this.pool(reference)?.concurrency ?? 0;
  }

  /**
   * Whether an invocation now would be refused because the function's queue is full, counting
   * that refusal as a throttle: for callers that refuse on the function's behalf instead of
   * invoking (asynchronous targets), so the function's throttles still show every refusal.
   */
  throttleIfSaturated(reference: string): boolean {
    return this.pool(reference)?.throttleIfSaturated() ?? false;
  }

  /** Counters per function name. */
  stats(): Record<string, FunctionStats> {
    return Object.fromEntries(
      [...this.pools.values()].map((pool) => [pool.definition.name, pool.snapshot()]),
    );
  }

  /** Refuses new invocations and waits for running and queued ones, then ends every environment. */
  async drain(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.drain()));
  }

  /** Ends every environment at once. */
  async stop(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.stop()));
  }

  private noticeIdleEnded(): void {
    const quiet = [...this.pools.values()].every((pool) => pool.environmentCount === 0);
    if (quiet) this.options.onQuiet?.();
  }

  private pool(reference: string): FunctionPool | undefined {
    const direct = this.byReference.get(reference);
    if (direct !== undefined) return direct;
    // A qualified ARN or name (`:$LATEST`) names the only version the local cloud has.
    const unqualified = reference.replace(/:(\$LATEST|\d+)$/, '');
    return this.byReference.get(unqualified);
  }

  /**
   * The variables Lambda's runtime sets. `AWS_EXECUTION_ENV` and `AWS_LAMBDA_INITIALIZATION_TYPE`
   * are left out on purpose: with them, a function that uses Powertools Tracer (Switchyard's own
   * do not) would trace to an X-Ray daemon and fetch the execution-environment metadata
   * endpoint, neither of which exists locally.
   */
  private runtimeEnvironment(definition: LambdaFunctionDefinition): Record<string, string> {
    const { endpointUrl, region, credentials } = this.options;
    const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
    return {
      AWS_ENDPOINT_URL: endpointUrl,
      ...(this.options.dynamoDbUrl !== undefined && { AWS_ENDPOINT_URL_DYNAMODB: this.options.dynamoDbUrl }),
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_LAMBDA_FUNCTION_NAME: definition.name,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(definition.memorySizeMb),
      AWS_LAMBDA_LOG_GROUP_NAME: definition.logGroupName,
      AWS_LAMBDA_LOG_STREAM_NAME: `${day}/[$LATEST]local`,
      LAMBDA_TASK_ROOT: definition.codeDir,
      _HANDLER: definition.handler,
      // The deployed runtime's Node.js never triggers the SDK's old-Node warning; the local one would, per environment.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // TZ is left out: setting it in a worker would change the time zone of the whole process.
      LANG: 'en_US.UTF-8',
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    };
  }
}
