/** A message attribute as SQS models it; binary values are bytes here and base64 on the wire. */
export interface MessageAttributeValue {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: Buffer;
}

export type MessageAttributes = Readonly<Record<string, MessageAttributeValue>>;

/** One stored message. Mutable fields change on receive, visibility change and redrive. */
export interface SqsMessage {
  readonly messageId: string;
  readonly body: string;
  readonly messageAttributes: MessageAttributes | undefined;
  readonly systemAttributes: MessageAttributes | undefined;
  readonly md5OfBody: string;
  readonly md5OfMessageAttributes: string | undefined;
  readonly md5OfSystemAttributes: string | undefined;
  /** Epoch ms when SQS accepted the message (the `SentTimestamp` system attribute). */
  readonly sentTimestamp: number;
  /**
   * Epoch ms retention counts from: the send, kept when a standard queue dead-letters the
   * message, restarted when a FIFO queue does (SQS docs). Expiry uses the queue's current
   * MessageRetentionPeriod, so changing it applies to messages already in the queue.
   */
  readonly enqueuedAt: number;
  /**
   * Epoch ms the message entered this queue: its send, or its move to the dead-letter queue
   * (a DLQ's ApproximateAgeOfOldestMessage counts from the move, SQS docs).
   */
  readonly arrivedAt: number;
  readonly messageGroupId: string | undefined;
  readonly messageDeduplicationId: string | undefined;
  readonly sequenceNumber: string | undefined;
  /** ARN of the queue this message was dead-lettered from (`DeadLetterQueueSourceArn`). */
  readonly deadLetterSourceArn: string | undefined;
  /** Epoch ms from which the message can be received (delay or visibility timeout). */
  visibleAt: number;
  receiveCount: number;
  /** Epoch ms of the first receive, 0 before it. */
  firstReceiveTimestamp: number;
  /** The most recent receipt handle; only it deletes or changes the message. */
  receiptHandle: string | undefined;
}

/** A message as a receiver gets it, in the SDK's shape. */
export interface ReceivedMessage {
  readonly MessageId: string;
  readonly ReceiptHandle: string;
  readonly MD5OfBody: string;
  readonly Body: string;
  readonly Attributes?: Record<string, string>;
  readonly MessageAttributes?: MessageAttributes;
  readonly MD5OfMessageAttributes?: string;
}

/** What a successful send answers, in the SDK's shape. */
export interface SendMessageResult {
  readonly MessageId: string;
  readonly MD5OfMessageBody: string;
  readonly MD5OfMessageAttributes?: string;
  readonly MD5OfMessageSystemAttributes?: string;
  readonly SequenceNumber?: string;
}

/** Options of a send, shared by the protocol layer and in-process callers. */
export interface SendMessageOptions {
  /** 0-900; rejected on FIFO queues. @default - the queue's DelaySeconds */
  readonly delaySeconds?: number;
  readonly messageAttributes?: MessageAttributes;
  /** Only `AWSTraceHeader` (String) is accepted, as in SQS. */
  readonly systemAttributes?: MessageAttributes;
  /** Required on FIFO queues. */
  readonly messageGroupId?: string;
  /** FIFO only; without it the queue needs ContentBasedDeduplication. */
  readonly messageDeduplicationId?: string;
}

/** Options of a receive, shared by the protocol layer and in-process callers. */
export interface ReceiveMessageOptions {
  /** 1-10. @default 1 */
  readonly maxNumberOfMessages?: number;
  /** 0-43200. @default - the queue's VisibilityTimeout */
  readonly visibilityTimeout?: number;
  /** 0-20; waits until a message arrives or the time is up. @default - the queue's ReceiveMessageWaitTimeSeconds */
  readonly waitTimeSeconds?: number;
  /** System attribute names to return (`All` for all). @default - none */
  readonly systemAttributeNames?: readonly string[];
  /** Message attribute names or `prefix.*` patterns (`All` or `.*` for all). @default - none */
  readonly messageAttributeNames?: readonly string[];
  /**
   * FIFO only (ignored on standard queues): a retry with the same id within 5 minutes returns the
   * same messages and receipt handles, as long as none of them was deleted or changed since.
   */
  readonly receiveRequestAttemptId?: string;
  /** Ends a long poll early, e.g. when the HTTP client goes away. */
  readonly signal?: AbortSignal;
}
