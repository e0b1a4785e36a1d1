import { validateFifoId } from './message-validation';
import type { SqsMessage } from './sqs-message';
import type { SqsQueue } from './sqs-queue';
import type { SqsState } from './sqs-state';

const ATTEMPT_WINDOW_MS = 5 * 60 * 1000;

interface ReceiveAttempt {
  readonly messages: ReadonlyArray<{ message: SqsMessage; receiptHandle: string; visibleAt: number }>;
  readonly expiresAt: number;
}

/**
 * ReceiveRequestAttemptId on FIFO queues: a receive retried with the same id within 5 minutes
 * gets the same messages and receipt handles, as long as none of them was deleted, received again
 * or had its visibility changed. Kept in memory (keyed by the queue object, so a deleted and
 * re-created queue starts clean): it only serves retries of a receive whose answer was lost.
 */
export class FifoReceiveAttempts {
  private readonly attempts = new WeakMap<SqsQueue, Map<string, ReceiveAttempt>>();

  constructor(private readonly state: SqsState) {}

  /** The first attempt's messages, with their visibility timeout restarted (SQS docs), or undefined. */
  repeat(queue: SqsQueue, attemptId: string, visibilityTimeout: number): SqsMessage[] | undefined {
    validateFifoId('ReceiveRequestAttemptId', attemptId);
    const attempts = this.attempts.get(queue);
    const attempt = attempts?.get(attemptId);
    const now = this.state.clock();
    if (attempts === undefined || attempt === undefined || attempt.expiresAt <= now) return undefined;
    const unchanged = attempt.messages.every(
      ({ message, receiptHandle, visibleAt }) =>
        queue.messages.get(message.messageId) === message &&
        message.receiptHandle === receiptHandle &&
        message.visibleAt === visibleAt,
    );
    if (!unchanged) {
      attempts.delete(attemptId);
      return undefined;
    }
    const visibleAt = now + visibilityTimeout * 1000;
    const messages = attempt.messages.map((entry) => entry.message);
    this.state.store.transaction(() => {
      for (const message of messages) this.state.store.updateMessage({ ...message, visibleAt });
    });
    for (const message of messages) message.visibleAt = visibleAt;
    this.record(attempts, attemptId, messages, attempt.expiresAt);
    return messages;
  }

  remember(queue: SqsQueue, attemptId: string, picked: readonly SqsMessage[], now: number): void {
    let attempts = this.attempts.get(queue);
    if (attempts === undefined) {
      attempts = new Map();
      this.attempts.set(queue, attempts);
    }
    for (const [id, attempt] of attempts) if (attempt.expiresAt <= now) attempts.delete(id);
    this.record(attempts, attemptId, picked, now + ATTEMPT_WINDOW_MS);
  }

  private record(
    attempts: Map<string, ReceiveAttempt>,
    attemptId: string,
    messages: readonly SqsMessage[],
    expiresAt: number,
  ): void {
    attempts.set(attemptId, {
      expiresAt,
      messages: messages.map((message) => ({
        message,
        receiptHandle: message.receiptHandle ?? '',
        visibleAt: message.visibleAt,
      })),
    });
  }
}
