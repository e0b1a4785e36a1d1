import {
  type BatchResult,
  type BatchResultErrorEntry,
  batchFailure,
  validateBatchIds,
} from './batch-validation';
import { invalidParameter, SqsError } from './errors';
import { QUEUE_LIMITS } from './queue-attributes';
import { decodeReceiptHandle } from './receipt-handle';
import type { SqsMessage } from './sqs-message';
import type { SqsQueue } from './sqs-queue';
import type { SqsState } from './sqs-state';

interface VisibilityChange {
  readonly message: SqsMessage;
  readonly visibleAt: number;
}

/**
 * What a receiver does with a message it holds, by receipt handle: delete it, or change how long
 * it stays invisible. Batches validate their ids first and commit all their changes together.
 */
export class MessageSettlement {
  constructor(private readonly state: SqsState) {}

  /** A stale handle (the message was received again since) succeeds without deleting, as in SQS. */
  delete(queue: SqsQueue, receiptHandle: string): void {
    const message = this.messageFor(queue, receiptHandle);
    if (message === undefined || message.receiptHandle !== receiptHandle) return;
    this.commitDeletes(queue, [message]);
  }

  deleteBatch(
    queue: SqsQueue,
    entries: ReadonlyArray<{ id: string; receiptHandle: string }>,
  ): BatchResult<{ Id: string }> {
    validateBatchIds(entries.map((e) => e.id));
    const successful: Array<{ Id: string }> = [];
    const failed: BatchResultErrorEntry[] = [];
    // By message id: two entries may carry the same receipt handle, and both succeed, as in SQS.
    const toDelete = new Map<string, SqsMessage>();
    for (const entry of entries) {
      try {
        const message = this.messageFor(queue, entry.receiptHandle);
        if (message !== undefined && message.receiptHandle === entry.receiptHandle) {
          toDelete.set(message.messageId, message);
        }
        successful.push({ Id: entry.id });
      } catch (error) {
        failed.push(batchFailure(entry.id, error));
      }
    }
    this.commitDeletes(queue, [...toDelete.values()]);
    return { Successful: successful, Failed: failed };
  }

  /** Sets the remaining visibility timeout of an in-flight message, counted from now. */
  changeVisibility(queue: SqsQueue, receiptHandle: string, visibilityTimeout: number): void {
    this.commitVisibility(queue, [
      this.prepareVisibility(queue, receiptHandle, visibilityTimeout, this.state.clock()),
    ]);
  }

  changeVisibilityBatch(
    queue: SqsQueue,
    entries: ReadonlyArray<{ id: string; receiptHandle: string; visibilityTimeout: number }>,
  ): BatchResult<{ Id: string }> {
    validateBatchIds(entries.map((e) => e.id));
    const now = this.state.clock();
    const successful: Array<{ Id: string }> = [];
    const failed: BatchResultErrorEntry[] = [];
    const changes: VisibilityChange[] = [];
    for (const entry of entries) {
      try {
        changes.push(this.prepareVisibility(queue, entry.receiptHandle, entry.visibilityTimeout, now));
        successful.push({ Id: entry.id });
      } catch (error) {
        failed.push(batchFailure(entry.id, error));
      }
    }
    this.commitVisibility(queue, changes);
    return { Successful: successful, Failed: failed };
  }

  private messageFor(queue: SqsQueue, receiptHandle: string): SqsMessage | undefined {
    const { messageId } = decodeReceiptHandle(receiptHandle, queue.name);
    return queue.messages.get(messageId);
  }

  private prepareVisibility(
    queue: SqsQueue,
    receiptHandle: string,
    visibilityTimeout: number,
    now: number,
  ): VisibilityChange {
    if (
      !Number.isInteger(visibilityTimeout) ||
      visibilityTimeout < 0 ||
      visibilityTimeout > QUEUE_LIMITS.maxVisibilityTimeout
    ) {
      throw invalidParameter(
        'VisibilityTimeout',
        visibilityTimeout,
        'Must be >= 0 and <= 43200, if provided.',
      );
    }
    const message = this.messageFor(queue, receiptHandle);
    if (message === undefined) {
      throw new SqsError(
        'ReceiptHandleIsInvalid',
        `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`,
      );
    }
    if (message.receiptHandle !== receiptHandle) {
      throw invalidParameter('ReceiptHandle', receiptHandle, 'The receipt handle has expired.');
    }
    if (message.visibleAt <= now) {
      throw new SqsError('MessageNotInflight', 'The message referred to is not in flight.');
    }
    return { message, visibleAt: now + visibilityTimeout * 1000 };
  }

  private commitDeletes(queue: SqsQueue, messages: readonly SqsMessage[]): void {
    if (messages.length === 0) return;
    const { store } = this.state;
    store.transaction(() => {
      for (const message of messages) store.deleteMessage(message.messageId);
    });
    for (const message of messages) queue.messages.delete(message.messageId);
    // Deleting the head of a FIFO group unblocks the group for waiting receivers.
    if (queue.isFifo) this.state.waiters.notify(queue.name);
  }

  private commitVisibility(queue: SqsQueue, changes: readonly VisibilityChange[]): void {
    if (changes.length === 0) return;
    const { store } = this.state;
    store.transaction(() => {
      for (const { message, visibleAt } of changes) store.updateMessage({ ...message, visibleAt });
    });
    for (const { message, visibleAt } of changes) message.visibleAt = visibleAt;
    this.state.waiters.notify(queue.name);
  }
}
