/** Errors of the local Lambda runtime, shaped like the ones Lambda reports. */

/** An invocation failed: the handler threw, timed out, ran out of memory or could not load. */
export class LambdaInvocationError extends Error {
  constructor(
    readonly functionName: string,
    /** Lambda's `errorType`, e.g. `Error`, `Sandbox.Timedout`, `Runtime.ImportModuleError`. */
    readonly errorType: string,
    readonly errorMessage: string,
    readonly handlerStack?: string,
  ) {
    super(`${functionName}: ${errorType}: ${errorMessage}`);
    this.name = 'LambdaInvocationError';
  }
}

/** The invocation ran past the function's timeout; named like the API Gateway emulator expects. */
export class LambdaTimeoutError extends LambdaInvocationError {
  constructor(functionName: string, timeoutMs: number) {
    super(functionName, 'Sandbox.Timedout', `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
    this.name = 'TimeoutError';
  }
}

/** No function with that logical id, name or ARN (Lambda's `ResourceNotFoundException`). */
export class FunctionNotFoundError extends Error {
  constructor(reference: string) {
    super(`Function not found: ${reference}`);
    this.name = 'ResourceNotFoundException';
  }
}

/** The runtime is stopping and accepts no new invocations. */
export class RuntimeStoppingError extends Error {
  constructor(functionName: string) {
    super(`${functionName}: the local Lambda runtime is shutting down`);
    this.name = 'ServiceException';
  }
}

/** The function may not run now: its reserved concurrency is 0 (Lambda's `TooManyRequestsException`). */
export class FunctionThrottledError extends Error {
  constructor(functionName: string) {
    super(`${functionName}: Rate Exceeded (reserved concurrency is 0)`);
    this.name = 'TooManyRequestsException';
  }
}

/**
 * Every environment the local runtime allows the function is busy and its queue of waiting
 * invocations is full. Lambda would have started more environments; locally the caller is
 * told to come back (API Gateway answers 503, an event source or EventBridge retries later).
 */
export class FunctionQueueFullError extends Error {
  constructor(
    functionName: string,
    readonly environments: number,
    readonly queued: number,
  ) {
    super(
      `${functionName}: all ${environments} local environment(s) are busy and ${queued} invocation(s) are waiting; retry later`,
    );
    this.name = 'TooManyRequestsException';
  }
}
