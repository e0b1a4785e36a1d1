import { type AwsErrorFault, AwsServiceError } from '../endpoint';

/**
 * SQS errors as the service reports them. One catalogue gives each error its JSON `__type`
 * name, its legacy query-protocol code (sent in `x-amzn-query-error` and in XML error bodies)
 * and its HTTP status, taken from the SQS service model, so both protocols stay consistent.
 */
interface SqsErrorSpec {
  readonly queryCode: string;
  readonly statusCode: number;
  readonly fault: AwsErrorFault;
}

const sender = (queryCode: string, statusCode = 400): SqsErrorSpec => ({
  queryCode,
  statusCode,
  fault: 'Sender',
});

export const SQS_ERROR_SPECS = {
  BatchEntryIdsNotDistinct: sender('AWS.SimpleQueueService.BatchEntryIdsNotDistinct'),
  BatchRequestTooLong: sender('AWS.SimpleQueueService.BatchRequestTooLong'),
  EmptyBatchRequest: sender('AWS.SimpleQueueService.EmptyBatchRequest'),
  InvalidAddress: sender('InvalidAddress', 404),
  InvalidAttributeName: sender('InvalidAttributeName'),
  InvalidAttributeValue: sender('InvalidAttributeValue'),
  InvalidBatchEntryId: sender('AWS.SimpleQueueService.InvalidBatchEntryId'),
  InvalidIdFormat: sender('InvalidIdFormat'),
  InvalidMessageContents: sender('InvalidMessageContents'),
  MessageNotInflight: sender('AWS.SimpleQueueService.MessageNotInflight'),
  OverLimit: sender('OverLimit', 403),
  PurgeQueueInProgress: sender('AWS.SimpleQueueService.PurgeQueueInProgress', 403),
  QueueDeletedRecently: sender('AWS.SimpleQueueService.QueueDeletedRecently'),
  QueueDoesNotExist: sender('AWS.SimpleQueueService.NonExistentQueue'),
  QueueNameExists: sender('QueueAlreadyExists'),
  ReceiptHandleIsInvalid: sender('ReceiptHandleIsInvalid', 404),
  ResourceNotFoundException: sender('ResourceNotFoundException', 404),
  TooManyEntriesInBatchRequest: sender('AWS.SimpleQueueService.TooManyEntriesInBatchRequest'),
  UnsupportedOperation: sender('AWS.SimpleQueueService.UnsupportedOperation'),
  // Common errors every AWS query service documents; SQS has no modeled shape for them.
  InvalidParameterValue: sender('InvalidParameterValue'),
  MissingParameter: sender('MissingParameter'),
  InvalidAction: sender('InvalidAction'),
  MissingAction: sender('MissingAction'),
  SerializationException: sender('SerializationException'),
  InternalFailure: { queryCode: 'InternalFailure', statusCode: 500, fault: 'Receiver' },
} as const satisfies Record<string, SqsErrorSpec>;

export type SqsErrorCode = keyof typeof SQS_ERROR_SPECS;

/**
 * An SQS error answered to the caller; thrown by the model and turned into a response by a
 * protocol. Its status, query code and fault come from the catalogue above. Its `name` stays
 * `SqsError` (not the code): in-process callers such as EventBridge's delivery worker read it.
 */
export class SqsError extends AwsServiceError {
  override readonly name = 'SqsError';
  declare readonly code: SqsErrorCode;

  constructor(code: SqsErrorCode, message: string) {
    super(code, message, SQS_ERROR_SPECS[code]);
  }
}

/** The wording AWS uses for a value out of range, so messages match what users search for. */
export function invalidParameter(name: string, value: unknown, reason: string): SqsError {
  return new SqsError(
    'InvalidParameterValue',
    `Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`,
  );
}

export function missingParameter(name: string): SqsError {
  return new SqsError('MissingParameter', `The request must contain the parameter ${name}.`);
}

export function queueDoesNotExist(): SqsError {
  return new SqsError('QueueDoesNotExist', 'The specified queue does not exist.');
}
