export type { BatchResultErrorEntry } from './batch-validation';
export type { MessageMoveTask, MoveTaskStatus, StartMoveTaskInput } from './engines/message-move-tasks';
export { LOCAL_ACCOUNT_ID, queueArn, queueUrl } from './queue-reference';
export { SqsError, type SqsErrorCode } from './sqs-error';
export { md5OfBody, md5OfMessageAttributes } from './sqs-md5';
export type {
  MessageAttributes,
  MessageAttributeValue,
  ReceivedMessage,
  ReceiveMessageOptions,
  SendMessageOptions,
  SendMessageResult,
} from './sqs-message';
export type { BatchResult, BatchSendEntry, QueueInfo } from './sqs-model';
export { SqsModel } from './sqs-model';
export { SqsService, type SqsServiceOptions } from './sqs-service';
