import type { SQSEvent, SQSRecord } from 'aws-lambda';

export interface TaskRecordOptions {
  readonly taskId: string;
  readonly type?: string;
  readonly payload?: unknown;
  readonly receiveCount?: number;
  /** @default `message-<taskId>`: redeliveries of one message share it; a redrive gets a new one. */
  readonly messageId?: string;
  /** Sent as the body instead of a task envelope. */
  readonly rawBody?: string;
}

/** An SQS record carrying a task message, as the event source mapping delivers it. */
export const taskSqsRecord = (options: TaskRecordOptions): SQSRecord => ({
  messageId: options.messageId ?? `message-${options.taskId}`,
  receiptHandle: `receipt-${options.taskId}`,
  body:
    options.rawBody ??
    JSON.stringify({
      taskId: options.taskId,
      type: options.type ?? 'hello',
      payload: options.payload ?? {},
      correlationId: `corr-${options.taskId}`,
      acceptedAt: '2026-01-01T00:00:00.000Z',
    }),
  attributes: {
    ApproximateReceiveCount: String(options.receiveCount ?? 1),
    SentTimestamp: '1767225600000',
    SenderId: 'sender',
    ApproximateFirstReceiveTimestamp: '1767225600000',
  },
  messageAttributes: { taskId: { dataType: 'String', stringValue: options.taskId } },
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:tasks',
  awsRegion: 'us-east-1',
});

export const sqsEvent = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
