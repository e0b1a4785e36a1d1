/**
 * The local SQS: protocol layers (JSON and query, reading input through the endpoint's shared
 * `OperationInput` in SQS's wording), the model with its programmatic API for in-process
 * callers, the SQLite store and the engines in `engine/` (long polling, dead-letter redrive).
 *
 * Known differences from AWS, chosen for a local emulator:
 * - a deleted queue's name can be used again at once (AWS asks for 60 s: QueueDeletedRecently);
 * - Policy, KMS and SSE attributes are stored and reported but not enforced; SigV4 is not checked;
 * - AddPermission, RemovePermission and throughput limits (OverLimit, RequestThrottled) are not emulated.
 */
export type { BatchResultErrorEntry } from './batch-validation';
export type { MessageMoveTask, MoveTaskStatus, StartMoveTaskInput } from './engine/message-move-tasks';
export { SqsError, type SqsErrorCode } from './errors';
export { LOCAL_ACCOUNT_ID, queueArn, queueUrl } from './queue-reference';
export { md5OfBody, md5OfMessageAttributes } from './sqs-md5';
export type {
  MessageAttributes,
  MessageAttributeValue,
  ReceivedMessage,
  ReceiveMessageOptions,
  SendMessageOptions,
  SendMessageResult,
} from './sqs-message';
export type { BatchResult, BatchSendEntry, QueueInfo, QueueMetrics } from './sqs-model';
export { SqsModel } from './sqs-model';
export { SqsService, type SqsServiceOptions } from './sqs-service';
