import type { QueueMetrics } from '../sqs';

/** A gauge SQS publishes to CloudWatch, read from the local queue's state when asked. */
export interface Gauge {
  readonly unit: 'Seconds' | 'Count';
  read(metrics: QueueMetrics): number;
}

/**
 * The `AWS/SQS` metrics the local cloud can answer, all gauges of the queue's backlog (dimension
 * `QueueName`). Counters such as `NumberOfMessagesSent` need history the local cloud does not keep.
 */
export const SQS_QUEUE_GAUGES: ReadonlyMap<string, Gauge> = new Map<string, Gauge>([
  ['ApproximateAgeOfOldestMessage', { unit: 'Seconds', read: (m) => m.ageOfOldestMessageSeconds }],
  ['ApproximateNumberOfMessagesVisible', { unit: 'Count', read: (m) => m.visible }],
  ['ApproximateNumberOfMessagesNotVisible', { unit: 'Count', read: (m) => m.notVisible }],
  ['ApproximateNumberOfMessagesDelayed', { unit: 'Count', read: (m) => m.delayed }],
]);
