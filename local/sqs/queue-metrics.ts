import type { SqsQueue } from './sqs-queue';

/** Receives after which SQS stops counting a message as the queue's oldest (SQS docs). */
const OLDEST_AGE_RECEIVE_LIMIT = 3;

/** What SQS reports about a queue's backlog: the counting attributes and CloudWatch's gauges. */
export interface QueueMetrics {
  /** `ApproximateNumberOfMessages` (`...Visible` in CloudWatch). */
  readonly visible: number;
  /** `ApproximateNumberOfMessagesNotVisible`: received and not yet deleted. */
  readonly notVisible: number;
  /** `ApproximateNumberOfMessagesDelayed`. */
  readonly delayed: number;
  /**
   * `ApproximateAgeOfOldestMessage` in whole seconds: how long the oldest message has been in
   * the queue (a DLQ counts from the move), 0 when the queue is empty. As in SQS, a message
   * received three times or more stops counting while younger ones remain (dead letters keep
   * counting: their receives happened in the source queue).
   */
  readonly ageOfOldestMessageSeconds: number;
}

/** Counts a queue's messages at `now` (expired messages must already be gone). */
export function queueMetrics(queue: SqsQueue, now: number): QueueMetrics {
  let visible = 0;
  let notVisible = 0;
  let delayed = 0;
  let oldestFresh: number | undefined;
  let oldestAny: number | undefined;
  for (const message of queue.messages.values()) {
    if (message.visibleAt <= now) visible += 1;
    else if (message.receiveCount > 0) notVisible += 1;
    else delayed += 1;
    if (oldestAny === undefined || message.arrivedAt < oldestAny) oldestAny = message.arrivedAt;
    // A dead letter's receive count was run up in its source queue, not here.
    const fresh =
      message.deadLetterSourceArn !== undefined || message.receiveCount < OLDEST_AGE_RECEIVE_LIMIT;
    if (fresh && (oldestFresh === undefined || message.arrivedAt < oldestFresh)) {
      oldestFresh = message.arrivedAt;
    }
  }
  const oldest = oldestFresh ?? oldestAny;
  return {
    visible,
    notVisible,
    delayed,
    ageOfOldestMessageSeconds: oldest === undefined ? 0 : Math.max(0, Math.floor((now - oldest) / 1000)),
  };
}
