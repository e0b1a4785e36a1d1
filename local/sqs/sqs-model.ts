import { createHash, randomUUID } from 'node:crypto';
import { type BatchResultErrorEntry, batchFailure, validateBatchIds } from './batch-validation';
import { LongPollWaiters } from './engines/long-poll-waiters';
import {
  type MessageMoveTask,
  MessageMoveTasks,
  type StartMoveTaskInput,
} from './engines/message-move-tasks';
import {
  messageSize,
  validateBody,
  validateFifoId,
  validateMessageAttributes,
  validateSystemAttributes,
} from './message-validation';
import {
  defaultQueueAttributes,
  isKnownQueueAttributeName,
  normalizeQueueAttributes,
  QUEUE_LIMITS,
} from './queue-attributes';
import { LOCAL_ACCOUNT_ID, queueArn, queueNameFromReference, queueUrl } from './queue-reference';
import { decodeReceiptHandle, newReceiptHandle } from './receipt-handle';
import { MESSAGE_SYSTEM_ATTRIBUTE_NAMES, toReceivedMessage } from './received-message';
import { invalidParameter, missingParameter, queueDoesNotExist, SqsError } from './sqs-error';
import { md5OfBody, md5OfMessageAttributes } from './sqs-md5';
import type {
  ReceivedMessage,
  ReceiveMessageOptions,
  SendMessageOptions,
  SendMessageResult,
  SqsMessage,
} from './sqs-message';
import { numberAttribute, redrivePolicyOf, type SqsQueue } from './sqs-queue';
import type { DedupEntry, SqsStore } from './sqs-store';

/** How a queue is named to callers. */
export interface QueueInfo {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  readonly isFifo: boolean;
}

export interface SqsModelOptions {
  readonly store: SqsStore;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** Base URL of the endpoint, for queue URLs; settable later with `setEndpointUrl`. @default 'http://127.0.0.1:4566' */
  readonly endpointUrl?: string;
  /** Epoch-ms clock; tests pass a controllable one to check retention without waiting days. @default Date.now */
  readonly clock?: () => number;
}

export interface BatchSendEntry {
  readonly id: string;
  readonly body: string;
  readonly options?: SendMessageOptions;
}

export interface BatchResult<T> {
  readonly Successful: T[];
  readonly Failed: BatchResultErrorEntry[];
}

const DEDUP_WINDOW_MS = 5 * 60 * 1000;
const PURGE_INTERVAL_MS = 60 * 1000;
const SWEEP_INTERVAL_MS = 30 * 1000;
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIRST_SEQUENCE = 10_000_000_000_000_000_000n;

/** A FIFO receive attempt remembered for retries with the same ReceiveRequestAttemptId. */
interface ReceiveAttempt {
  readonly messages: ReadonlyArray<{ message: SqsMessage; receiptHandle: string; visibleAt: number }>;
  readonly expiresAt: number;
}

interface PreparedSend {
  readonly result: SendMessageResult;
  readonly message?: SqsMessage;
  readonly dedup?: { key: string; entry: DedupEntry };
}

/**
 * The SQS model: queues and messages with SQS semantics, kept in memory for speed and written
 * through to the store before any change is acknowledged. Protocol layers and in-process callers
 * (EventBridge targets, Lambda event-source pollers) use the same methods; errors are thrown as
 * `SqsError` with the code SQS would answer.
 */
export class SqsModel {
  readonly region: string;
  readonly accountId = LOCAL_ACCOUNT_ID;
  private endpointUrl: string;
  private readonly store: SqsStore;
  private readonly clock: () => number;
  private readonly queues = new Map<string, SqsQueue>();
  private readonly dedup = new Map<string, Map<string, DedupEntry>>();
  private readonly waiters = new LongPollWaiters();
  /** Per queue; in memory only, as it only serves retries of a receive whose answer was lost. */
  private readonly receiveAttempts = new Map<string, Map<string, ReceiveAttempt>>();
  private readonly moveTasks: MessageMoveTasks;
  private readonly sweeper: NodeJS.Timeout;

  constructor(options: SqsModelOptions) {
    this.store = options.store;
    this.clock = options.clock ?? Date.now;
    this.region = options.region ?? 'us-east-1';
    this.endpointUrl = options.endpointUrl ?? 'http://127.0.0.1:4566';
    const state = this.store.load();
    for (const queue of state.queues) this.queues.set(queue.name, queue);
    for (const { queue, key, entry } of state.dedup) this.dedupOf(queue).set(key, entry);
    this.moveTasks = new MessageMoveTasks({
      findQueueByArn: (arn) => this.findQueueByArn(arn),
      isDeadLetterQueue: (queue) => this.deadLetterSources(queue).length > 0,
      movableMessages: (queue) => this.movableMessages(queue),
      moveMessage: (source, message, destination) => this.redriveMessage(source, message, destination),
    });
    // Expiry is also applied lazily on every read; the sweeper only bounds memory and disk use.
    this.sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  /** Sets the base URL queue URLs are built from, once the endpoint knows its port. */
  setEndpointUrl(url: string): void {
    this.endpointUrl = url;
  }

  // ---------------------------------------------------------------- queues

  createQueue(
    name: string,
    attributes: Readonly<Record<string, string>> = {},
    tags: Readonly<Record<string, string>> = {},
  ): QueueInfo {
    const isFifo = attributes.FifoQueue?.toLowerCase() === 'true';
    const baseName = isFifo ? name.replace(/\.fifo$/, '') : name;
    if (!QUEUE_NAME.test(baseName) || name.length > 80 || (isFifo && !name.endsWith('.fifo'))) {
      throw new SqsError(
        'InvalidParameterValue',
        isFifo
          ? 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.'
          : 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
      );
    }
    const arn = queueArn(this.region, name);
    const normalized = normalizeQueueAttributes(attributes, {
      isFifo,
      creating: true,
      queueArn: arn,
      findQueueByArn: (target) => this.findQueueByArn(target),
    });
    const existing = this.queues.get(name);
    if (existing !== undefined) {
      for (const [attribute, value] of Object.entries(normalized)) {
        if ((existing.attributes[attribute] ?? '') !== value) {
          throw new SqsError(
            'QueueNameExists',
            `A queue already exists with the same name and a different value for attribute ${attribute}`,
          );
        }
      }
      return this.info(existing);
    }
    const now = this.clock();
    const queue: SqsQueue = {
      name,
      arn,
      isFifo,
      createdTimestamp: Math.floor(now / 1000),
      lastModifiedTimestamp: Math.floor(now / 1000),
      attributes: { ...defaultQueueAttributes(isFifo), ...normalized },
      tags: { ...tags },
      messages: new Map(),
      sequence: FIRST_SEQUENCE,
      lastPurgeAt: 0,
    };
    this.store.putQueue(queue);
    this.queues.set(name, queue);
    return this.info(queue);
  }

  getQueueUrl(name: string, ownerAccountId?: string): string {
    if (ownerAccountId !== undefined && ownerAccountId !== LOCAL_ACCOUNT_ID) throw queueDoesNotExist();
    const queue = this.queues.get(name);
    if (queue === undefined) throw queueDoesNotExist();
    return this.info(queue).url;
  }

  /** Queue URLs sorted by name; `nextToken` only when `maxResults` cut the list, as in SQS. */
  listQueues(
    prefix = '',
    maxResults?: number,
    nextToken?: string,
  ): { queueUrls: string[]; nextToken?: string } {
    const names = [...this.queues.keys()].filter((n) => n.startsWith(prefix)).sort();
    return this.page(names, maxResults, nextToken);
  }

  deleteQueue(reference: string): void {
    const queue = this.resolve(reference);
    this.store.deleteQueue(queue.name);
    this.queues.delete(queue.name);
    this.dedup.delete(queue.name);
    this.receiveAttempts.delete(queue.name);
    this.waiters.notify(queue.name);
  }

  getQueueAttributes(reference: string, names: readonly string[] = []): Record<string, string> {
    const queue = this.resolve(reference);
    for (const name of names) {
      if (!isKnownQueueAttributeName(name))
        throw new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
    }
    if (names.length === 0) return {};
    const now = this.clock();
    this.expire(queue, now);
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    for (const message of queue.messages.values()) {
      if (message.visibleAt <= now) visible += 1;
      else if (message.receiveCount > 0) inFlight += 1;
      else delayed += 1;
    }
    const all: Record<string, string> = {
      QueueArn: queue.arn,
      ApproximateNumberOfMessages: String(visible),
      ApproximateNumberOfMessagesNotVisible: String(inFlight),
      ApproximateNumberOfMessagesDelayed: String(delayed),
      CreatedTimestamp: String(queue.createdTimestamp),
      LastModifiedTimestamp: String(queue.lastModifiedTimestamp),
      ...queue.attributes,
    };
    const wanted = names.includes('All') ? Object.keys(all) : names;
    const result: Record<string, string> = {};
    for (const name of wanted) {
      const value = all[name];
      if (value !== undefined && value !== '') result[name] = value;
    }
    return result;
  }

  setQueueAttributes(reference: string, attributes: Readonly<Record<string, string>>): void {
    const queue = this.resolve(reference);
    const normalized = normalizeQueueAttributes(attributes, {
      isFifo: queue.isFifo,
      creating: false,
      queueArn: queue.arn,
      findQueueByArn: (target) => this.findQueueByArn(target),
    });
    const next = { ...queue.attributes, ...normalized };
    for (const [name, value] of Object.entries(next)) if (value === '') delete next[name];
    const updated: SqsQueue = {
      ...queue,
      attributes: next,
      lastModifiedTimestamp: Math.floor(this.clock() / 1000),
    };
    this.store.putQueue(updated);
    queue.attributes = next;
    queue.lastModifiedTimestamp = updated.lastModifiedTimestamp;
    this.waiters.notify(queue.name);
  }

  purgeQueue(reference: string): void {
    const queue = this.resolve(reference);
    const now = this.clock();
    if (now - queue.lastPurgeAt < PURGE_INTERVAL_MS) {
      throw new SqsError(
        'PurgeQueueInProgress',
        `Only one PurgeQueue operation on ${queue.name} is allowed every 60 seconds.`,
      );
    }
    this.store.transaction(() => {
      this.store.purgeMessages(queue.name);
      this.store.putQueue({ ...queue, lastPurgeAt: now });
    });
    queue.messages.clear();
    queue.lastPurgeAt = now;
  }

  listDeadLetterSourceQueues(
    reference: string,
    maxResults?: number,
    nextToken?: string,
  ): { queueUrls: string[]; nextToken?: string } {
    const queue = this.resolve(reference);
    const names = this.deadLetterSources(queue)
      .map((q) => q.name)
      .sort();
    return this.page(names, maxResults, nextToken);
  }

  /** Adds or replaces cost-allocation tags (at most 50 per queue, as in SQS). */
  tagQueue(reference: string, tags: Readonly<Record<string, string>>): void {
    const queue = this.resolve(reference);
    const next = { ...queue.tags, ...tags };
    if (Object.keys(next).length > 50) {
      throw new SqsError(
        'InvalidParameterValue',
        'Too many tags added for queue. A queue can have at most 50 tags.',
      );
    }
    for (const [key, value] of Object.entries(tags)) {
      if (key.length === 0 || key.length > 128 || value.length > 256) {
        throw invalidParameter('Tags', key, 'Tag keys are 1-128 and values 0-256 characters long.');
      }
    }
    this.store.putQueue({ ...queue, tags: next });
    Object.assign(queue.tags, tags);
  }

  untagQueue(reference: string, keys: readonly string[]): void {
    const queue = this.resolve(reference);
    const next = { ...queue.tags };
    for (const key of keys) delete next[key];
    this.store.putQueue({ ...queue, tags: next });
    for (const key of keys) delete queue.tags[key];
  }

  listQueueTags(reference: string): Record<string, string> {
    return { ...this.resolve(reference).tags };
  }

  /** Looks a queue up by ARN, for EventBridge targets and event-source mappings. */
  getQueueByArn(arn: string): QueueInfo | undefined {
    const queue = this.findQueueByArn(arn);
    return queue === undefined ? undefined : this.info(queue);
  }

  /** Looks a queue up by URL, ARN or name. */
  getQueue(reference: string): QueueInfo | undefined {
    try {
      return this.info(this.resolve(reference));
    } catch {
      return undefined;
    }
  }

  // ---------------------------------------------------------------- messages

  /** Sends one message durably; returns what SendMessage answers. */
  sendMessage(reference: string, body: string, options: SendMessageOptions = {}): SendMessageResult {
    const queue = this.resolve(reference);
    const prepared = this.prepareSend(queue, body, options, this.clock(), new Map());
    this.commitSends(queue, [prepared]);
    return prepared.result;
  }

  /**
   * Sends up to 10 messages. Request-level problems (empty, too many, bad or repeated ids,
   * total size) throw and write nothing; per-entry problems land in `Failed`, and all
   * successful entries commit in one transaction.
   */
  sendMessageBatch(
    reference: string,
    entries: readonly BatchSendEntry[],
  ): BatchResult<SendMessageResult & { Id: string }> {
    const queue = this.resolve(reference);
    validateBatchIds(entries.map((e) => e.id));
    const total = entries.reduce((sum, e) => sum + messageSize(e.body, e.options?.messageAttributes), 0);
    if (total > QUEUE_LIMITS.maxMessageSize) {
      throw new SqsError(
        'BatchRequestTooLong',
        `Batch requests cannot be longer than ${QUEUE_LIMITS.maxMessageSize} bytes. You have sent ${total} bytes.`,
      );
    }
    const now = this.clock();
    const pending = new Map<string, DedupEntry>();
    const prepared: PreparedSend[] = [];
    const successful: Array<SendMessageResult & { Id: string }> = [];
    const failed: BatchResultErrorEntry[] = [];
    for (const entry of entries) {
      try {
        const one = this.prepareSend(queue, entry.body, entry.options ?? {}, now, pending);
        prepared.push(one);
        successful.push({ Id: entry.id, ...one.result });
      } catch (error) {
        failed.push(batchFailure(entry.id, error));
      }
    }
    this.commitSends(queue, prepared);
    return { Successful: successful, Failed: failed };
  }

  /**
   * Receives up to `maxNumberOfMessages`, long-polling up to `waitTimeSeconds`: the call returns
   * as soon as a message is available (woken by the send), or empty when the time is up.
   */
  async receiveMessages(reference: string, options: ReceiveMessageOptions = {}): Promise<ReceivedMessage[]> {
    const first = this.resolve(reference);
    const max = options.maxNumberOfMessages ?? 1;
    if (!Number.isInteger(max) || max < 1 || max > 10) {
      throw invalidParameter('MaxNumberOfMessages', max, 'Must be between 1 and 10, if provided.');
    }
    const waitSeconds = options.waitTimeSeconds ?? numberAttribute(first, 'ReceiveMessageWaitTimeSeconds', 0);
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
    const attemptId = first.isFifo ? options.receiveRequestAttemptId : undefined;
    if (attemptId !== undefined) {
      validateFifoId('ReceiveRequestAttemptId', attemptId);
      const repeated = this.repeatReceiveAttempt(first, attemptId, visibility);
      if (repeated !== undefined) {
        return repeated.map((m) =>
          toReceivedMessage(m, options.systemAttributeNames ?? [], options.messageAttributeNames ?? []),
        );
      }
    }
    const deadline = this.clock() + waitSeconds * 1000;
    for (;;) {
      const queue = this.queues.get(first.name);
      if (queue === undefined || queue !== first) return [];
      const now = this.clock();
      const picked = this.receiveNow(
        queue,
        max,
        visibility ?? numberAttribute(queue, 'VisibilityTimeout', 30),
        now,
      );
      if (picked.length > 0 || now >= deadline || this.waiters.isClosed || options.signal?.aborted) {
        if (attemptId !== undefined) this.rememberReceiveAttempt(queue, attemptId, picked, now);
        return picked.map((m) =>
          toReceivedMessage(m, options.systemAttributeNames ?? [], options.messageAttributeNames ?? []),
        );
      }
      const nextChange = this.nextVisibleAt(queue, now);
      await this.waiters.wait(queue.name, Math.min(deadline, nextChange ?? deadline), options.signal);
    }
  }

  /**
   * Answers a retried FIFO receive with the messages of the first attempt, when that attempt is
   * under 5 minutes old and none of its messages was deleted, received again or changed since.
   * The retry restarts their visibility timeout, as SQS documents.
   */
  private repeatReceiveAttempt(
    queue: SqsQueue,
    attemptId: string,
    visibility: number | undefined,
  ): SqsMessage[] | undefined {
    const attempts = this.receiveAttempts.get(queue.name);
    const attempt = attempts?.get(attemptId);
    const now = this.clock();
    if (attempt === undefined || attempt.expiresAt <= now) return undefined;
    const unchanged = attempt.messages.every(
      ({ message, receiptHandle, visibleAt }) =>
        queue.messages.get(message.messageId) === message &&
        message.receiptHandle === receiptHandle &&
        message.visibleAt === visibleAt,
    );
    if (!unchanged) {
      attempts?.delete(attemptId);
      return undefined;
    }
    const visibleAt = now + (visibility ?? numberAttribute(queue, 'VisibilityTimeout', 30)) * 1000;
    const messages = attempt.messages.map((entry) => entry.message);
    this.store.transaction(() => {
      for (const message of messages) this.store.updateMessage({ ...message, visibleAt });
    });
    for (const message of messages) message.visibleAt = visibleAt;
    attempts?.set(attemptId, {
      expiresAt: attempt.expiresAt,
      messages: messages.map((message) => ({
        message,
        receiptHandle: message.receiptHandle ?? '',
        visibleAt,
      })),
    });
    return messages;
  }

  private rememberReceiveAttempt(
    queue: SqsQueue,
    attemptId: string,
    picked: SqsMessage[],
    now: number,
  ): void {
    let attempts = this.receiveAttempts.get(queue.name);
    if (attempts === undefined) {
      attempts = new Map();
      this.receiveAttempts.set(queue.name, attempts);
    }
    for (const [id, attempt] of attempts) if (attempt.expiresAt <= now) attempts.delete(id);
    attempts.set(attemptId, {
      expiresAt: now + DEDUP_WINDOW_MS,
      messages: picked.map((message) => ({
        message,
        receiptHandle: message.receiptHandle ?? '',
        visibleAt: message.visibleAt,
      })),
    });
  }

  /** Deletes the message the receipt handle names; a stale handle (the message was received again) is a no-op, as in SQS. */
  deleteMessage(reference: string, receiptHandle: string): void {
    const queue = this.resolve(reference);
    const message = this.messageFor(queue, receiptHandle);
    if (message === undefined || message.receiptHandle !== receiptHandle) return;
    this.store.deleteMessage(message.messageId);
    queue.messages.delete(message.messageId);
    // Deleting the head of a FIFO group unblocks the group for waiting receivers.
    if (queue.isFifo) this.waiters.notify(queue.name);
  }

  deleteMessageBatch(
    reference: string,
    entries: ReadonlyArray<{ id: string; receiptHandle: string }>,
  ): BatchResult<{ Id: string }> {
    const queue = this.resolve(reference);
    validateBatchIds(entries.map((e) => e.id));
    const successful: Array<{ Id: string }> = [];
    const failed: BatchResultErrorEntry[] = [];
    const toDelete: SqsMessage[] = [];
    for (const entry of entries) {
      try {
        const message = this.messageFor(queue, entry.receiptHandle);
        if (message !== undefined && message.receiptHandle === entry.receiptHandle) toDelete.push(message);
        successful.push({ Id: entry.id });
      } catch (error) {
        failed.push(batchFailure(entry.id, error));
      }
    }
    this.store.transaction(() => {
      for (const message of toDelete) this.store.deleteMessage(message.messageId);
    });
    for (const message of toDelete) queue.messages.delete(message.messageId);
    if (queue.isFifo && toDelete.length > 0) this.waiters.notify(queue.name);
    return { Successful: successful, Failed: failed };
  }

  /** Sets the remaining visibility timeout of an in-flight message, counted from now. */
  changeMessageVisibility(reference: string, receiptHandle: string, visibilityTimeout: number): void {
    const queue = this.resolve(reference);
    const change = this.prepareVisibilityChange(queue, receiptHandle, visibilityTimeout, this.clock());
    this.store.updateMessage({ ...change.message, visibleAt: change.visibleAt });
    change.message.visibleAt = change.visibleAt;
    this.waiters.notify(queue.name);
  }

  changeMessageVisibilityBatch(
    reference: string,
    entries: ReadonlyArray<{ id: string; receiptHandle: string; visibilityTimeout: number }>,
  ): BatchResult<{ Id: string }> {
    const queue = this.resolve(reference);
    validateBatchIds(entries.map((e) => e.id));
    const now = this.clock();
    const successful: Array<{ Id: string }> = [];
    const failed: BatchResultErrorEntry[] = [];
    const changes: Array<{ message: SqsMessage; visibleAt: number }> = [];
    for (const entry of entries) {
      try {
        changes.push(this.prepareVisibilityChange(queue, entry.receiptHandle, entry.visibilityTimeout, now));
        successful.push({ Id: entry.id });
      } catch (error) {
        failed.push(batchFailure(entry.id, error));
      }
    }
    this.store.transaction(() => {
      for (const { message, visibleAt } of changes) this.store.updateMessage({ ...message, visibleAt });
    });
    for (const { message, visibleAt } of changes) message.visibleAt = visibleAt;
    if (changes.length > 0) this.waiters.notify(queue.name);
    return { Successful: successful, Failed: failed };
  }

  // ---------------------------------------------------------------- dead-letter redrive

  startMessageMoveTask(input: StartMoveTaskInput): string {
    return this.moveTasks.start(input);
  }

  listMessageMoveTasks(sourceArn: string, maxResults?: number): MessageMoveTask[] {
    if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 10)) {
      throw invalidParameter('MaxResults', maxResults, 'Must be between 1 and 10, if provided.');
    }
    return this.moveTasks.list(sourceArn, maxResults);
  }

  cancelMessageMoveTask(taskHandle: string): number {
    return this.moveTasks.cancel(taskHandle);
  }

  /** Stops timers and wakes long polls; the store is closed by its owner. */
  close(): void {
    clearInterval(this.sweeper);
    this.moveTasks.close();
    this.waiters.close();
  }

  // ---------------------------------------------------------------- internals

  private info(queue: SqsQueue): QueueInfo {
    return {
      name: queue.name,
      url: queueUrl(this.endpointUrl, queue.name),
      arn: queue.arn,
      isFifo: queue.isFifo,
    };
  }

  private resolve(reference: string): SqsQueue {
    // An ARN must match exactly (region included); URLs and names only name the queue.
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

  private findQueueByArn(arn: string): SqsQueue | undefined {
    for (const queue of this.queues.values()) if (queue.arn === arn) return queue;
    return undefined;
  }

  private deadLetterSources(queue: SqsQueue): SqsQueue[] {
    return [...this.queues.values()].filter((q) => redrivePolicyOf(q)?.deadLetterTargetArn === queue.arn);
  }

  private dedupOf(queueName: string): Map<string, DedupEntry> {
    let map = this.dedup.get(queueName);
    if (map === undefined) {
      map = new Map();
      this.dedup.set(queueName, map);
    }
    return map;
  }

  private page(
    names: string[],
    maxResults?: number,
    nextToken?: string,
  ): { queueUrls: string[]; nextToken?: string } {
    if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000)) {
      throw invalidParameter('MaxResults', maxResults, 'Must be between 1 and 1000, if provided.');
    }
    let start = 0;
    if (nextToken !== undefined) {
      const after = Buffer.from(nextToken, 'base64').toString('utf8');
      start = names.findIndex((n) => n > after);
      if (start < 0) start = names.length;
    }
    const limit = maxResults ?? 1000;
    const slice = names.slice(start, start + limit);
    const queueUrls = slice.map((n) => queueUrl(this.endpointUrl, n));
    const last = slice.at(-1);
    const more = maxResults !== undefined && start + limit < names.length && last !== undefined;
    return more ? { queueUrls, nextToken: Buffer.from(last, 'utf8').toString('base64') } : { queueUrls };
  }

  /** Validates one send and builds the message without writing anything. */
  private prepareSend(
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
    let sequenceNumber: string | undefined;
    let dedupKey: string | undefined;
    let dedupId: string | undefined;
    const groupId = options.messageGroupId;
    if (groupId !== undefined) validateFifoId('MessageGroupId', groupId);
    if (queue.isFifo) {
      if (delay !== undefined && delay !== 0) {
        throw invalidParameter(
          'DelaySeconds',
          delay,
          'The request include parameter that is not valid for this queue type.',
        );
      }
      if (groupId === undefined) throw missingParameter('MessageGroupId');
      dedupId = options.messageDeduplicationId;
      if (dedupId !== undefined) validateFifoId('MessageDeduplicationId', dedupId);
      else if (queue.attributes.ContentBasedDeduplication === 'true') {
        dedupId = createHash('sha256').update(body, 'utf8').digest('hex');
      } else {
        throw new SqsError(
          'InvalidParameterValue',
          'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
        );
      }
      dedupKey =
        queue.attributes.DeduplicationScope === 'messageGroup' ? `${groupId}\u0000${dedupId}` : dedupId;
      const earlier = pendingDedup.get(dedupKey) ?? this.dedup.get(queue.name)?.get(dedupKey);
      if (earlier !== undefined && earlier.expiresAt > now) {
        // A duplicate is accepted and answered like the first send, but not enqueued again.
        return {
          result: {
            MessageId: earlier.messageId,
            MD5OfMessageBody: md5OfBody(body),
            ...this.attributeDigests(options),
            ...(earlier.sequenceNumber !== undefined && { SequenceNumber: earlier.sequenceNumber }),
          },
        };
      }
      queue.sequence += 1n;
      sequenceNumber = queue.sequence.toString();
    } else if (options.messageDeduplicationId !== undefined) {
      throw invalidParameter(
        'MessageDeduplicationId',
        options.messageDeduplicationId,
        'The request include parameter that is not valid for this queue type.',
      );
    }
    const delaySeconds = delay ?? numberAttribute(queue, 'DelaySeconds', 0);
    const messageId = randomUUID();
    const md5 = md5OfBody(body);
    const digests = this.attributeDigests(options);
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
      messageGroupId: groupId,
      messageDeduplicationId: dedupId,
      sequenceNumber,
      deadLetterSourceArn: undefined,
      visibleAt: now + delaySeconds * 1000,
      receiveCount: 0,
      firstReceiveTimestamp: 0,
      receiptHandle: undefined,
    };
    const dedup =
      dedupKey === undefined
        ? undefined
        : { key: dedupKey, entry: { messageId, sequenceNumber, expiresAt: now + DEDUP_WINDOW_MS } };
    if (dedup !== undefined) pendingDedup.set(dedup.key, dedup.entry);
    return {
      result: {
        MessageId: messageId,
        MD5OfMessageBody: md5,
        ...digests,
        ...(sequenceNumber !== undefined && { SequenceNumber: sequenceNumber }),
      },
      message,
      dedup,
    };
  }

  private attributeDigests(options: SendMessageOptions): {
    MD5OfMessageAttributes?: string;
    MD5OfMessageSystemAttributes?: string;
  } {
    const user = md5OfMessageAttributes(options.messageAttributes);
    const system = md5OfMessageAttributes(options.systemAttributes);
    return {
      ...(user !== undefined && { MD5OfMessageAttributes: user }),
      ...(system !== undefined && { MD5OfMessageSystemAttributes: system }),
    };
  }

  private commitSends(queue: SqsQueue, prepared: readonly PreparedSend[]): void {
    const toWrite = prepared.filter((p) => p.message !== undefined);
    if (toWrite.length === 0) return;
    this.store.transaction(() => {
      for (const { message, dedup } of toWrite) {
        this.store.insertMessage(queue.name, message as SqsMessage);
        if (dedup !== undefined) this.store.putDedup(queue.name, dedup.key, dedup.entry);
      }
      if (queue.isFifo) this.store.putQueue(queue);
    });
    for (const { message, dedup } of toWrite) {
      const m = message as SqsMessage;
      queue.messages.set(m.messageId, m);
      if (dedup !== undefined) this.dedupOf(queue.name).set(dedup.key, dedup.entry);
    }
    this.waiters.notify(queue.name);
  }

  /**
   * Picks and locks up to `max` visible messages in one transaction. FIFO queues keep order per
   * message group: a group whose oldest message is in flight or delayed is skipped entirely.
   * A message already received maxReceiveCount times moves to the dead-letter queue instead.
   */
  private receiveNow(queue: SqsQueue, max: number, visibilityTimeout: number, now: number): SqsMessage[] {
    const redrive = redrivePolicyOf(queue);
    const deadLetterQueue =
      redrive === undefined ? undefined : this.findQueueByArn(redrive.deadLetterTargetArn);
    const picked: SqsMessage[] = [];
    const expired: SqsMessage[] = [];
    const deadLettered: SqsMessage[] = [];
    const blockedGroups = new Set<string | undefined>();
    const isExpired = this.expiryCheck(queue, now);
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
    const moved = deadLettered.map((message) =>
      this.deadLetterCopy(deadLetterQueue as SqsQueue, queue, message, now),
    );
    this.store.transaction(() => {
      for (const message of expired) this.store.deleteMessage(message.messageId);
      for (const message of deadLettered) this.store.deleteMessage(message.messageId);
      for (const message of moved) this.store.insertMessage((deadLetterQueue as SqsQueue).name, message);
      for (const { message, ...state } of updates) this.store.updateMessage({ ...message, ...state });
    });
    for (const message of [...expired, ...deadLettered]) queue.messages.delete(message.messageId);
    if (moved.length > 0) {
      const dlq = deadLetterQueue as SqsQueue;
      for (const message of moved) dlq.messages.set(message.messageId, message);
      this.waiters.notify(dlq.name);
    }
    for (const { message, ...state } of updates) Object.assign(message, state);
    return picked;
  }

  /**
   * The message as it lands in the dead-letter queue: same id and body, visible at once. A
   * standard queue keeps the original enqueue time for retention; a FIFO queue restarts it (SQS docs).
   */
  private deadLetterCopy(dlq: SqsQueue, source: SqsQueue, message: SqsMessage, now: number): SqsMessage {
    return {
      ...message,
      deadLetterSourceArn: source.arn,
      enqueuedAt: dlq.isFifo ? now : message.enqueuedAt,
      visibleAt: now,
      receiptHandle: undefined,
    };
  }

  /** Used by move tasks: a fresh copy in the destination, counters reset, in one transaction. */
  private redriveMessage(source: SqsQueue, message: SqsMessage, destination: SqsQueue): void {
    const now = this.clock();
    let sequenceNumber: string | undefined;
    if (destination.isFifo) {
      destination.sequence += 1n;
      sequenceNumber = destination.sequence.toString();
    }
    const copy: SqsMessage = {
      ...message,
      messageId: randomUUID(),
      sentTimestamp: now,
      enqueuedAt: now,
      sequenceNumber,
      deadLetterSourceArn: undefined,
      visibleAt: now,
      receiveCount: 0,
      firstReceiveTimestamp: 0,
      receiptHandle: undefined,
    };
    this.store.transaction(() => {
      this.store.deleteMessage(message.messageId);
      this.store.insertMessage(destination.name, copy);
      if (destination.isFifo) this.store.putQueue(destination);
    });
    source.messages.delete(message.messageId);
    destination.messages.set(copy.messageId, copy);
    this.waiters.notify(destination.name);
  }

  private movableMessages(queue: SqsQueue): SqsMessage[] {
    const now = this.clock();
    const isExpired = this.expiryCheck(queue, now);
    return [...queue.messages.values()].filter((m) => m.visibleAt <= now && !isExpired(m));
  }

  private messageFor(queue: SqsQueue, receiptHandle: string): SqsMessage | undefined {
    const { messageId } = decodeReceiptHandle(receiptHandle, queue.name);
    return queue.messages.get(messageId);
  }

  private prepareVisibilityChange(
    queue: SqsQueue,
    receiptHandle: string,
    visibilityTimeout: number,
    now: number,
  ): { message: SqsMessage; visibleAt: number } {
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

  /** Retention as SQS applies it: the queue's current MessageRetentionPeriod from the enqueue time. */
  private expiryCheck(queue: SqsQueue, now: number): (message: SqsMessage) => boolean {
    const retentionMs = numberAttribute(queue, 'MessageRetentionPeriod', 345_600) * 1000;
    return (message) => message.enqueuedAt + retentionMs <= now;
  }

  private nextVisibleAt(queue: SqsQueue, now: number): number | undefined {
    let next: number | undefined;
    for (const message of queue.messages.values()) {
      if (message.visibleAt > now && (next === undefined || message.visibleAt < next))
        next = message.visibleAt;
    }
    return next;
  }

  /** Drops messages past their retention period. */
  private expire(queue: SqsQueue, now: number): void {
    const expired = [...queue.messages.values()].filter(this.expiryCheck(queue, now));
    if (expired.length === 0) return;
    this.store.transaction(() => {
      for (const message of expired) this.store.deleteMessage(message.messageId);
    });
    for (const message of expired) queue.messages.delete(message.messageId);
  }

  private sweep(): void {
    const now = this.clock();
    try {
      for (const queue of this.queues.values()) this.expire(queue, now);
      this.store.deleteExpiredDedup(now);
      for (const map of this.dedup.values()) {
        for (const [key, entry] of map) if (entry.expiresAt <= now) map.delete(key);
      }
    } catch (error) {
      // The sweeper is housekeeping; a failed sweep is retried on the next tick and on every read.
      console.error('sqs: retention sweep failed', error);
    }
  }
}
