import type { LongPollWaiters } from './engine/long-poll-waiters';
import { queueDoesNotExist } from './errors';
import { queueNameFromReference } from './queue-reference';
import type { SqsMessage } from './sqs-message';
import { numberAttribute, redrivePolicyOf, type SqsQueue } from './sqs-queue';
import type { DedupEntry, SqsStore } from './store/sqs-store';

/**
 * The state every part of the SQS model shares: the queues with their messages (in memory,
 * loaded from the store at start), FIFO deduplication entries, the store every change is
 * written to first, the clock, and the long-poll waiters to wake after a change.
 */
export class SqsState {
  readonly queues = new Map<string, SqsQueue>();
  private readonly dedup = new Map<string, Map<string, DedupEntry>>();

  constructor(
    readonly store: SqsStore,
    readonly region: string,
    readonly clock: () => number,
    readonly waiters: LongPollWaiters,
  ) {
    const stored = store.load();
    for (const queue of stored.queues) this.queues.set(queue.name, queue);
    for (const { queue, key, entry } of stored.dedup) this.dedupOf(queue).set(key, entry);
  }

  /** The queue a URL, ARN or name refers to; an ARN must match in full (region included). */
  resolve(reference: string): SqsQueue {
    if (reference.startsWith('arn:')) {
      const queue = this.findQueueByArn(reference);
      if (queue === undefined) throw queueDoesNotExist();
      return queue;
    }
    const name = queueNameFromReference(reference);
    const queue = name === undefined ? undefined : this.queues.get(name);
    if (queue === undefined) throw queueDoesNotExist();
    return queue;
  }

  findQueueByArn(arn: string): SqsQueue | undefined {
    for (const queue of this.queues.values()) if (queue.arn === arn) return queue;
    return undefined;
  }

  /** Queues whose RedrivePolicy names `queue` as their dead-letter queue. */
  deadLetterSources(queue: SqsQueue): SqsQueue[] {
    return [...this.queues.values()].filter((q) => redrivePolicyOf(q)?.deadLetterTargetArn === queue.arn);
  }

  dedupOf(queueName: string): Map<string, DedupEntry> {
    let map = this.dedup.get(queueName);
    if (map === undefined) {
      map = new Map();
      this.dedup.set(queueName, map);
    }
    return map;
  }

  forgetQueue(queueName: string): void {
    this.queues.delete(queueName);
    this.dedup.delete(queueName);
  }

  /** Retention as SQS applies it: the queue's current MessageRetentionPeriod from the enqueue time. */
  expiryCheck(queue: SqsQueue, now: number): (message: SqsMessage) => boolean {
    const retentionMs = numberAttribute(queue, 'MessageRetentionPeriod', 345_600) * 1000;
    return (message) => message.enqueuedAt + retentionMs <= now;
  }

  /** Drops messages past their retention period, durably. */
  expire(queue: SqsQueue, now: number): void {
    const expired = [...queue.messages.values()].filter(this.expiryCheck(queue, now));
    if (expired.length === 0) return;
    this.store.transaction(() => {
      for (const message of expired) this.store.deleteMessage(message.messageId);
    });
    for (const message of expired) queue.messages.delete(message.messageId);
  }

  /** Drops expired deduplication entries from memory and the store. */
  expireDedup(now: number): void {
    this.store.deleteExpiredDedup(now);
    for (const map of this.dedup.values()) {
      for (const [key, entry] of map) if (entry.expiresAt <= now) map.delete(key);
    }
  }
}
