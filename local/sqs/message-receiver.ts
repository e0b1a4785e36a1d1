import { invalidParameter, SqsError } from './errors';
import { FifoReceiveAttempts } from './fifo-receive-attempts';
import { QUEUE_LIMITS } from './queue-attributes';
import { newReceiptHandle } from './receipt-handle';
import { MESSAGE_SYSTEM_ATTRIBUTE_NAMES, toReceivedMessage } from './received-message';
import type { ReceivedMessage, ReceiveMessageOptions, SqsMessage } from './sqs-message';
import { numberAttribute, redrivePolicyOf, type SqsQueue } from './sqs-queue';
import type { SqsState } from './sqs-state';

function validateReceive(options: ReceiveMessageOptions, max: number, waitSeconds: number): void {
  if (!Number.isInteger(max) || max < 1 || max > 10) {
    throw invalidParameter('MaxNumberOfMessages', max, 'Must be between 1 and 10, if provided.');
  }
  if (!Number.isInteger(waitSeconds) || waitSeconds < 0 || waitSeconds > QUEUE_LIMITS.maxWaitTimeSeconds) {
    throw invalidParameter('WaitTimeSeconds', waitSeconds, 'Must be >= 0 and <= 20, if provided.');
  }
  const visibility = options.visibilityTimeout;
  if (
    visibility !== undefined &&
    (!Number.isInteger(visibility) || visibility < 0 || visibility > QUEUE_LIMITS.maxVisibilityTimeout)
  ) {
    throw invalidParameter('VisibilityTimeout', visibility, 'Must be >= 0 and <= 43200, if provided.');
  }
  for (const name of options.systemAttributeNames ?? []) {
    if (!(MESSAGE_SYSTEM_ATTRIBUTE_NAMES as readonly string[]).includes(name)) {
      throw new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
    }
  }
}

/**
 * ReceiveMessage: picks visible messages (FIFO groups in order, one group in flight at a time),
 * dead-letters those received maxReceiveCount times, and long-polls by parking on the queue's
 * waiters until a send, a visibility change or the next known visibility moment.
 */
export class MessageReceiver {
  private readonly attempts: FifoReceiveAttempts;

  constructor(private readonly state: SqsState) {
    this.attempts = new FifoReceiveAttempts(state);
  }

  async receive(queue: SqsQueue, options: ReceiveMessageOptions): Promise<ReceivedMessage[]> {
    const max = options.maxNumberOfMessages ?? 1;
    const waitSeconds = options.waitTimeSeconds ?? numberAttribute(queue, 'ReceiveMessageWaitTimeSeconds', 0);
    validateReceive(options, max, waitSeconds);
    const render = (messages: readonly SqsMessage[]): ReceivedMessage[] =>
      messages.map((m) =>
        toReceivedMessage(m, options.systemAttributeNames ?? [], options.messageAttributeNames ?? []),
      );
    const visibilityOf = (): number =>
      options.visibilityTimeout ?? numberAttribute(queue, 'VisibilityTimeout', 30);
    const attemptId = queue.isFifo ? options.receiveRequestAttemptId : undefined;
    if (attemptId !== undefined) {
      const repeated = this.attempts.repeat(queue, attemptId, visibilityOf());
      if (repeated !== undefined) return render(repeated);
    }
    const { waiters } = this.state;
    const deadline = this.state.clock() + waitSeconds * 1000;
    for (;;) {
      // The queue may have been deleted (or deleted and re-created) while this call waited.
      if (this.state.queues.get(queue.name) !== queue) return [];
      const now = this.state.clock();
      const picked = this.receiveNow(queue, max, visibilityOf(), now);
      if (picked.length > 0 || now >= deadline || waiters.isClosed || options.signal?.aborted) {
        if (attemptId !== undefined) this.attempts.remember(queue, attemptId, picked, now);
        return render(picked);
      }
      const nextChange = this.nextVisibleAt(queue, now);
      await waiters.wait(queue.name, Math.min(deadline, nextChange ?? deadline), options.signal);
    }
  }

  /**
   * Picks and locks up to `max` visible messages in one transaction. FIFO queues keep order per
   * message group: a group whose oldest message is in flight or delayed is skipped entirely.
   * A message already received maxReceiveCount times moves to the dead-letter queue instead.
   */
  private receiveNow(queue: SqsQueue, max: number, visibilityTimeout: number, now: number): SqsMessage[] {
    const redrive = redrivePolicyOf(queue);
    const deadLetterQueue =
      redrive === undefined ? undefined : this.state.findQueueByArn(redrive.deadLetterTargetArn);
    const picked: SqsMessage[] = [];
    const expired: SqsMessage[] = [];
    const deadLettered: SqsMessage[] = [];
    const blockedGroups = new Set<string | undefined>();
    const isExpired = this.state.expiryCheck(queue, now);
    for (const message of queue.messages.values()) {
      if (picked.length >= max) break;
      if (isExpired(message)) {
        expired.push(message);
        continue;
      }
      if (queue.isFifo && blockedGroups.has(message.messageGroupId)) continue;
      if (message.visibleAt > now) {
        if (queue.isFifo) blockedGroups.add(message.messageGroupId);
        continue;
      }
      if (
        redrive !== undefined &&
        deadLetterQueue !== undefined &&
        message.receiveCount >= redrive.maxReceiveCount
      ) {
        deadLettered.push(message);
        continue;
      }
      picked.push(message);
    }
    if (picked.length === 0 && expired.length === 0 && deadLettered.length === 0) return [];
    const updates = picked.map((message) => ({
      message,
      visibleAt: now + visibilityTimeout * 1000,
      receiveCount: message.receiveCount + 1,
      firstReceiveTimestamp: message.firstReceiveTimestamp || now,
      receiptHandle: newReceiptHandle(queue.name, message.messageId),
    }));
    const moved =
      deadLetterQueue === undefined
        ? []
        : deadLettered.map((message) => deadLetterCopy(deadLetterQueue, queue, message, now));
    const { store } = this.state;
    store.transaction(() => {
      for (const message of [...expired, ...deadLettered]) store.deleteMessage(message.messageId);
      if (deadLetterQueue !== undefined)
        for (const message of moved) store.insertMessage(deadLetterQueue.name, message);
      for (const { message, ...change } of updates) store.updateMessage({ ...message, ...change });
    });
    for (const message of [...expired, ...deadLettered]) queue.messages.delete(message.messageId);
    if (deadLetterQueue !== undefined && moved.length > 0) {
      for (const message of moved) deadLetterQueue.messages.set(message.messageId, message);
      this.state.waiters.notify(deadLetterQueue.name);
    }
    for (const { message, ...change } of updates) Object.assign(message, change);
    return picked;
  }

  private nextVisibleAt(queue: SqsQueue, now: number): number | undefined {
    let next: number | undefined;
    for (const message of queue.messages.values()) {
      if (message.visibleAt > now && (next === undefined || message.visibleAt < next))
        next = message.visibleAt;
    }
    return next;
  }
}

/**
 * The message as it lands in the dead-letter queue: same id and body, visible at once. A
 * standard queue keeps the original enqueue time for retention; a FIFO queue restarts it (SQS docs).
 */
function deadLetterCopy(dlq: SqsQueue, source: SqsQueue, message: SqsMessage, now: number): SqsMessage {
  return {
    ...message,
    deadLetterSourceArn: source.arn,
    enqueuedAt: dlq.isFifo ? now : message.enqueuedAt,
    arrivedAt: now,
    visibleAt: now,
    receiptHandle: undefined,
  };
}
