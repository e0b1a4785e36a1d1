import type { SQSRecord } from 'aws-lambda';

export interface BusEventOptions {
  readonly type?: string;
  readonly source?: string;
  readonly eventId?: string;
  readonly correlationId?: string;
  readonly data?: unknown;
  readonly replayName?: string;
}

/** An event as EventBridge delivers it to an SQS target, with Switchyard's detail envelope. */
export const busEvent = (options: BusEventOptions = {}) => ({
  version: '0',
  id: `bus-${options.eventId ?? 'e-1'}`,
  'detail-type': options.type ?? 'order.placed',
  source: options.source ?? 'com.example.shop',
  account: '000000000000',
  time: '2026-11-29T12:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: {
    metadata: {
      correlationId: options.correlationId ?? 'corr-1',
      eventId: options.eventId ?? 'e-1',
      publishedAt: '2026-11-29T12:00:00.000Z',
    },
    data: options.data ?? { orderId: 'o-1', amount: 1500, currency: 'EUR', customer: { customerId: 'c-1' } },
  },
  ...(options.replayName ? { 'replay-name': options.replayName } : {}),
});

/** An SQS record whose body is the given text, as a subscription queue delivers it. */
export const bufferedRecord = (messageId: string, body: string): SQSRecord => ({
  messageId,
  receiptHandle: `receipt-${messageId}`,
  body,
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: '1767225600000',
    SenderId: 'events.amazonaws.com',
    ApproximateFirstReceiveTimestamp: '1767225600000',
  },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:subscription',
  awsRegion: 'us-east-1',
});

/** A `task.failed` event of a webhook task whose retries ran out, as the worker publishes it. */
export const taskFailedEvent = (eventId: string) =>
  busEvent({
    type: 'task.failed',
    source: 'switchyard.tasks',
    eventId,
    data: {
      taskId: 't-1',
      taskType: 'webhook',
      attempts: 5,
      error: { code: 'RETRIES_EXHAUSTED', message: 'HTTP 500' },
    },
  });
