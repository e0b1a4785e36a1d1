/** Who caused an error, as the query protocol reports it: the caller (4xx) or the service (5xx). */
export type AwsErrorFault = 'Sender' | 'Receiver';

/** What a service's error may set beyond its code and message. */
export interface AwsServiceErrorOptions {
  /** The HTTP status AWS answers the error with. @default 400 */
  readonly statusCode?: number;
  /**
   * The legacy query-protocol code of a service that moved to JSON while staying query
   * compatible (SQS, CloudWatch), e.g. `AWS.SimpleQueueService.NonExistentQueue`.
   * @default - the code itself
   */
  readonly queryCode?: string;
  /** @default - `Sender` below status 500, `Receiver` from 500 */
  readonly fault?: AwsErrorFault;
}

/**
 * An error an emulated AWS service answers with, whatever the service: SQS's `SqsError`,
 * EventBridge's `EventBridgeError`, CloudWatch's `CloudWatchError` extend it. Services throw
 * them from their models and operations; each protocol layer renders the fields it needs
 * (`__type` from `code`, `x-amzn-query-error` and XML `<Code>` from `queryCode`, `<Type>` and
 * batch `SenderFault` from `fault`, the status line from `statusCode`), so the answer's bytes
 * stay the protocol's, not this class's. Anything else a service throws is an internal failure.
 */
export abstract class AwsServiceError extends Error {
  /** The AWS error code, the SDK's `error.name`: `QueueDoesNotExist`, `ResourceNotFoundException`. */
  readonly code: string;
  /** The HTTP status AWS answers this error with. */
  readonly statusCode: number;
  /** The query-protocol code, the SDK's `error.Code` for query-compatible services. */
  readonly queryCode: string;
  readonly fault: AwsErrorFault;

  protected constructor(code: string, message: string, options: AwsServiceErrorOptions = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.statusCode = options.statusCode ?? 400;
    this.queryCode = options.queryCode ?? code;
    this.fault = options.fault ?? (this.statusCode < 500 ? 'Sender' : 'Receiver');
  }
}
