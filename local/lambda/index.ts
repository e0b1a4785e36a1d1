/** The local Lambda service: what the runner and tests may import. */

export { type BatchOutcome, readBatchResponse } from './batch-item-failures';
export type { LambdaFunctionDefinition } from './function-definition';
export type { FunctionStats } from './function-pool';
export {
  FunctionNotFoundError,
  FunctionQueueFullError,
  FunctionThrottledError,
  LambdaInvocationError,
  LambdaTimeoutError,
  RuntimeStoppingError,
} from './lambda-errors';
export {
  DEFAULT_MAX_ENVIRONMENTS,
  type InvokeOptions,
  LambdaRuntime,
  type LambdaRuntimeOptions,
} from './lambda-runtime';
export {
  type AsyncInvokeOptions,
  type AsyncLambdaInvoker,
  lambdaTargetInvoker,
} from './lambda-target-invoker';
export {
  type ConsoleLogOptions,
  consoleLogSink,
  LOG_LEVELS,
  type LogLevel,
  type LogSink,
  lineLevel,
  prettyLogLine,
} from './log-forwarder';
export { toSqsEventRecord } from './sqs-event-record';
export {
  type SqsEventSourceDependencies,
  type SqsEventSourceMapping,
  SqsEventSourcePoller,
} from './sqs-event-source-poller';
