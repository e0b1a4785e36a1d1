/**
 * What the EventBridge emulation needs from the rest of the local cloud to deliver events.
 * The composition root adapts the SQS model and the Lambda runner to these interfaces, so this
 * service never imports them.
 */

/** Options for a message sent to an SQS target or dead-letter queue. */
export interface SqsSendOptions {
  /** Required by FIFO queues: the target's `SqsParameters.MessageGroupId`. */
  readonly messageGroupId?: string;
  /** FIFO deduplication id; EventBridge uses the event id. */
  readonly messageDeduplicationId?: string;
  /** String message attributes, e.g. the error attributes of a dead-lettered event. */
  readonly messageAttributes?: Readonly<Record<string, string>>;
}

/** Sends messages to queues by ARN. Rejects when the queue does not exist or refuses the message. */
export interface SqsTargetPort {
  sendMessage(queueArn: string, body: string, options?: SqsSendOptions): Promise<void>;
}

/** Invokes a Lambda function asynchronously (InvocationType `Event`). Rejects when the function cannot accept it. */
export interface LambdaInvoker {
  invokeAsync(functionArn: string, payload: string): Promise<void>;
}

/**
 * Thrown by a port (or raised by the sender) when a target cannot be reached; `errorCode` is the
 * value reported in the `ERROR_CODE` attribute when the event is dead-lettered.
 */
export class TargetUnreachableError extends Error {
  constructor(
    message: string,
    readonly errorCode: string = 'SDK_CLIENT_ERROR',
  ) {
    super(message);
    this.name = 'TargetUnreachableError';
  }
}
