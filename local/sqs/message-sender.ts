import { createHash, randomUUID } from 'node:crypto';
import {
  type BatchResult,
  type BatchResultErrorEntry,
  batchFailure,
  validateBatchIds,
} from './batch-validation';
import { invalidParameter, missingParameter, SqsError } from './errors';
import {
  messageSize,
  validateBody,
  validateFifoId,
  validateMessageAttributes,
  validateSystemAttributes,
} from './message-validation';
import { QUEUE_LIMITS } from './queue-attributes';
import { md5OfBody, md5OfMessageAttributes } from './sqs-md5';
import type { SendMessageOptions, SendMessageResult, SqsMessage } from './sqs-message';
import { numberAttribute, type SqsQueue } from './sqs-queue';
import type { SqsState } from './sqs-state';
import type { DedupEntry } from './store/sqs-store';

export interface BatchSendEntry {
  readonly id: string;
  readonly body: string;
  readonly options?: SendMessageOptions;
}

/** FIFO deduplication window. */
export const DEDUP_WINDOW_MS = 5 * 60 * 1000;

interface PreparedSend {
  readonly result: SendMessageResult;
  /** Undefined for a FIFO duplicate: answered, not enqueued. */
  readonly message?: SqsMessage;
  readonly dedup?: { key: string; entry: DedupEntry };
}

type AttributeDigests = { MD5OfMessageAttributes?: string; MD5OfMessageSystemAttributes?: string };

function attributeDigests(options: SendMessageOptions): AttributeDigests {
  const user = md5OfMessageAttributes(options.messageAttributes);
  const system = md5OfMessageAttributes(options.systemAttributes);
  return {
    ...(user !== undefined && { MD5OfMessageAttributes: user }),
    ...(system !== undefined && { MD5OfMessageSystemAttributes: system }),
  };
}

/**
 * SendMessage and SendMessageBatch: validation, FIFO groups, deduplication and sequence numbers.
 * Every send is validated in full before anything is written; all messages of one call commit
 * in one transaction, and only then are they visible to receivers.
 */
export class MessageSender {
  constructor(private readonly state: SqsState) {}

  send(queue: SqsQueue, body: string, options: SendMessageOptions): SendMessageResult {
    const prepared = this.prepare(queue, body, options, this.state.clock(), new Map());
    this.commit(queue, [prepared]);
    return prepared.result;
  }

  /**
   * Request-level problems (empty, too many, bad or repeated ids, total size) throw and write
   * nothing; per-entry problems land in `Failed` and the other entries are sent.
   */
  sendBatch(
    queue: SqsQueue,
    entries: readonly BatchSendEntry[],
  ): BatchResult<SendMessageResult & { Id: string }> {
    validateBatchIds(entries.map((e) => e.id));
    const total = entries.reduce((sum, e) => sum + messageSize(e.body, e.options?.messageAttributes), 0);
    if (total > QUEUE_LIMITS.maxMessageSize) {
      throw new SqsError(
        'BatchRequestTooLong',
        `Batch requests cannot be longer than ${QUEUE_LIMITS.maxMessageSize} bytes. You have sent ${total} bytes.`,
      );
    }
    const now = this.state.clock();
    // Duplicates within one batch are deduplicated against each other too.
    const pending = new Map<string, DedupEntry>();
    const prepared: PreparedSend[] = [];
    const successful: Array<SendMessageResult & { Id: string }> = [];
    const failed: BatchResultErrorEntry[] = [];
    for (const entry of entries) {
      try {
        const one = this.prepare(queue, entry.body, entry.options ?? {}, now, pending);
        prepared.push(one);
        successful.push({ Id: entry.id, ...one.result });
      } catch (error) {
        failed.push(batchFailure(entry.id, error));
      }
    }
    this.commit(queue, prepared);
    return { Successful: successful, Failed: failed };
  }

  /** Validates one send and builds the message without writing anything. */
  private prepare(
    queue: SqsQueue,
    body: string,
    options: SendMessageOptions,
    now: number,
    pendingDedup: Map<string, DedupEntry>,
  ): PreparedSend {
    if (typeof body !== 'string') throw missingParameter('MessageBody');
    validateBody(body);
    validateMessageAttributes(options.messageAttributes);
    validateSystemAttributes(options.systemAttributes);
    const maxSize = numberAttribute(queue, 'MaximumMessageSize', QUEUE_LIMITS.maxMessageSize);
    if (messageSize(body, options.messageAttributes) > maxSize) {
      throw new SqsError(
        'InvalidParameterValue',
        `One or more parameters are invalid. Reason: Message must be shorter than ${maxSize} bytes.`,
      );
    }
    const delay = options.delaySeconds;
    if (
      delay !== undefined &&
      (!Number.isInteger(delay) || delay < 0 || delay > QUEUE_LIMITS.maxDelaySeconds)
    ) {
      throw invalidParameter('DelaySeconds', delay, 'Must be >= 0 and <= 900, if provided.');
    }
    const groupId = options.messageGroupId;
    if (groupId !== undefined) validateFifoId('MessageGroupId', groupId);
    let fifo: { dedupId: string; dedupKey: string; sequenceNumber: string } | undefined;
    if (queue.isFifo) {
      const checked = this.checkFifo(queue, body, options, delay, now, pendingDedup);
      if ('duplicateOf' in checked) {
        // A duplicate is accepted and answered like the first send, but not enqueued again.
        const earlier = checked.duplicateOf;
        return {
          result: {
            MessageId: earlier.messageId,
            MD5OfMessageBody: md5OfBody(body),
            ...attributeDigests(options),
            ...(earlier.sequenceNumber !== undefined && { SequenceNumber: earlier.sequenceNumber }),
          },
        };
      }
      queue.sequence += 1n;
      fifo = { ...checked, sequenceNumber: queue.sequence.toString() };
    } else if (options.messageDeduplicationId !== undefined) {
      throw invalidParameter(
        'MessageDeduplicationId',
        options.messageDeduplicationId,
        'The request include parameter that is not valid for this queue type.',
      );
    }
    const messageId = randomUUID();
    const md5 = md5OfBody(body);
    const digests = attributeDigests(options);
    const message: SqsMessage = {
      messageId,
      body,
      messageAttributes: options.messageAttributes,
      systemAttributes: options.systemAttributes,
      md5OfBody: md5,
      md5OfMessageAttributes: digests.MD5OfMessageAttributes,
      md5OfSystemAttributes: digests.MD5OfMessageSystemAttributes,
      sentTimestamp: now,
      enqueuedAt: now,
      arrivedAt: now,
      messageGroupId: groupId,
      messageDeduplicationId: fifo?.dedupId,
      sequenceNumber: fifo?.sequenceNumber,
      deadLetterSourceArn: undefined,
      visibleAt: now + (delay ?? numberAttribute(queue, 'DelaySeconds', 0)) * 1000,
      receiveCount: 0,
      firstReceiveTimestamp: 0,
      receiptHandle: undefined,
    };
    const dedup =
      fifo === undefined
        ? undefined
        : {
            key: fifo.dedupKey,
            entry: { messageId, sequenceNumber: fifo.sequenceNumber, expiresAt: now + DEDUP_WINDOW_MS },
          };
    if (dedup !== undefined) pendingDedup.set(dedup.key, dedup.entry);
    return {
      result: {
        MessageId: messageId,
        MD5OfMessageBody: md5,
        ...digests,
        ...(fifo !== undefined && { SequenceNumber: fifo.sequenceNumber }),
      },
      message,
      ...(dedup !== undefined && { dedup }),
    };
  }

  /** FIFO rules: a group id, no per-message delay, and a deduplication id (given or from the body). */
  private checkFifo(
    queue: SqsQueue,
    body: string,
    options: SendMessageOptions,
    delay: number | undefined,
    now: number,
    pendingDedup: Map<string, DedupEntry>,
  ): { dedupId: string; dedupKey: string } | { duplicateOf: DedupEntry } {
    if (delay !== undefined && delay !== 0) {
      throw invalidParameter(
        'DelaySeconds',
        delay,
        'The request include parameter that is not valid for this queue type.',
      );
    }
    const groupId = options.messageGroupId;
    if (groupId === undefined) throw missingParameter('MessageGroupId');
    let dedupId = options.messageDeduplicationId;
    if (dedupId !== undefined) validateFifoId('MessageDeduplicationId', dedupId);
    else if (queue.attributes.ContentBasedDeduplication === 'true') {
      dedupId = createHash('sha256').update(body, 'utf8').digest('hex');
    } else {
      throw new SqsError(
        'InvalidParameterValue',
        'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
      );
    }
    const dedupKey =
      queue.attributes.DeduplicationScope === 'messageGroup' ? `${groupId}\u0000${dedupId}` : dedupId;
    const earlier = pendingDedup.get(dedupKey) ?? this.state.dedupOf(queue.name).get(dedupKey);
    if (earlier !== undefined && earlier.expiresAt > now) return { duplicateOf: earlier };
    return { dedupId, dedupKey };
  }

  private commit(queue: SqsQueue, prepared: readonly PreparedSend[]): void {
    const toWrite = prepared.flatMap((p) =>
      p.message === undefined ? [] : [{ message: p.message, dedup: p.dedup }],
    );
    if (toWrite.length === 0) return;
    const { store } = this.state;
    store.transaction(() => {
      for (const { message, dedup } of toWrite) {
        store.insertMessage(queue.name, message);
        if (dedup !== undefined) store.putDedup(queue.name, dedup.key, dedup.entry);
      }
      if (queue.isFifo) store.putQueue(queue);
    });
    for (const { message, dedup } of toWrite) {
      queue.messages.set(message.messageId, message);
      if (dedup !== undefined) this.state.dedupOf(queue.name).set(dedup.key, dedup.entry);
    }
    this.state.waiters.notify(queue.name);
  }
}
