import type { BatchResult } from './batch-validation';
import { DeadLetterRedrive } from './dead-letter-redrive';
import { LongPollWaiters } from './engine/long-poll-waiters';
import { type MessageMoveTask, MessageMoveTasks, type StartMoveTaskInput } from './engine/message-move-tasks';
import { RetentionSweeper } from './engine/retention-sweeper';
import { invalidParameter } from './errors';
import { MessageReceiver } from './message-receiver';
import { type BatchSendEntry, MessageSender } from './message-sender';
import { MessageSettlement } from './message-settlement';
import { QueueDirectory, type QueueInfo, type QueueUrlPage } from './queue-directory';
import type { QueueMetrics } from './queue-metrics';
import { LOCAL_ACCOUNT_ID } from './queue-reference';
import type {
  ReceivedMessage,
  ReceiveMessageOptions,
  SendMessageOptions,
  SendMessageResult,
} from './sqs-message';
import { SqsState } from './sqs-state';
import type { SqsStore } from './store/sqs-store';

export type { BatchResult } from './batch-validation';
export type { BatchSendEntry } from './message-sender';
export type { QueueInfo, QueueUrlPage } from './queue-directory';
export type { QueueMetrics } from './queue-metrics';

export interface SqsModelOptions {
  readonly store: SqsStore;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** Base URL of the endpoint, for queue URLs; settable later with `setEndpointUrl`. @default 'http://127.0.0.1:4566' */
  readonly endpointUrl?: string;
  /** Epoch-ms clock; tests pass a controllable one to check retention without waiting days. @default Date.now */
  readonly clock?: () => number;
}

/**
 * The SQS model: queues and messages with SQS semantics, kept in memory for speed and written
 * through to the store before any change is acknowledged. Protocol layers and in-process callers
 * (EventBridge targets, Lambda event-source pollers) use the same methods. Queues are named by
 * URL, ARN or name; errors are thrown as `SqsError` with the code SQS would answer.
 */
export class SqsModel {
  readonly region: string;
  readonly accountId = LOCAL_ACCOUNT_ID;
  private endpointUrl: string;
  private readonly state: SqsState;
  private readonly directory: QueueDirectory;
  private readonly sender: MessageSender;
  private readonly receiver: MessageReceiver;
  private readonly settlement: MessageSettlement;
  private readonly moveTasks: MessageMoveTasks;
  private readonly sweeper: RetentionSweeper;

  constructor(options: SqsModelOptions) {
    this.region = options.region ?? 'us-east-1';
    this.endpointUrl = options.endpointUrl ?? 'http://127.0.0.1:4566';
    this.state = new SqsState(options.store, this.region, options.clock ?? Date.now, new LongPollWaiters());
    this.directory = new QueueDirectory(this.state, () => this.endpointUrl);
    this.sender = new MessageSender(this.state);
    this.receiver = new MessageReceiver(this.state);
    this.settlement = new MessageSettlement(this.state);
    this.moveTasks = new MessageMoveTasks(new DeadLetterRedrive(this.state));
    this.sweeper = new RetentionSweeper(this.state);
  }

  /** Sets the base URL queue URLs are built from, once the endpoint knows its port. */
  setEndpointUrl(url: string): void {
    this.endpointUrl = url;
  }

  // ---------------------------------------------------------------- queues

  /** Creates a queue, or returns the existing one when every given attribute matches. */
  createQueue(
    name: string,
    attributes: Readonly<Record<string, string>> = {},
    tags: Readonly<Record<string, string>> = {},
  ): QueueInfo {
    return this.directory.create(name, attributes, tags);
  }

  getQueueUrl(name: string, ownerAccountId?: string): string {
    return this.directory.urlOf(name, ownerAccountId);
  }

  /** Queue URLs sorted by name; `nextToken` only when `maxResults` cut the list, as in SQS. */
  listQueues(prefix = '', maxResults?: number, nextToken?: string): QueueUrlPage {
    return this.directory.list(prefix, maxResults, nextToken);
  }

  deleteQueue(reference: string): void {
    this.directory.delete(this.state.resolve(reference));
  }

  /** The named attributes (`All` for all); no names, no attributes, as in SQS. */
  getQueueAttributes(reference: string, names: readonly string[] = []): Record<string, string> {
    return this.directory.attributesOf(this.state.resolve(reference), names);
  }

  /** Backlog gauges SQS publishes to CloudWatch (`ApproximateAgeOfOldestMessage` has no queue attribute). */
  queueMetrics(reference: string): QueueMetrics {
    return this.directory.metricsOf(this.state.resolve(reference));
  }

  /** Validates all attributes before applying any; an empty value removes an optional one. */
  setQueueAttributes(reference: string, attributes: Readonly<Record<string, string>>): void {
    this.directory.setAttributes(this.state.resolve(reference), attributes);
  }

  /** Deletes every message; once per 60 s per queue, as in SQS. */
  purgeQueue(reference: string): void {
    this.directory.purge(this.state.resolve(reference));
  }

  listDeadLetterSourceQueues(reference: string, maxResults?: number, nextToken?: string): QueueUrlPage {
    return this.directory.listDeadLetterSources(this.state.resolve(reference), maxResults, nextToken);
  }

  /** Adds or replaces cost-allocation tags (at most 50 per queue). */
  tagQueue(reference: string, tags: Readonly<Record<string, string>>): void {
    this.directory.tag(this.state.resolve(reference), tags);
  }

  untagQueue(reference: string, keys: readonly string[]): void {
    this.directory.untag(this.state.resolve(reference), keys);
  }

  listQueueTags(reference: string): Record<string, string> {
    return { ...this.state.resolve(reference).tags };
  }

  /** Looks a queue up by ARN, for EventBridge targets and event-source mappings. */
  getQueueByArn(arn: string): QueueInfo | undefined {
    const queue = this.state.findQueueByArn(arn);
    return queue === undefined ? undefined : this.directory.info(queue);
  }

  /** Looks a queue up by URL, ARN or name. */
  getQueue(reference: string): QueueInfo | undefined {
    try {
      return this.directory.info(this.state.resolve(reference));
    } catch {
      return undefined;
    }
  }

  // ---------------------------------------------------------------- messages

  /** Sends one message durably; returns what SendMessage answers (MD5s, FIFO sequence number). */
  sendMessage(reference: string, body: string, options: SendMessageOptions = {}): SendMessageResult {
    return this.sender.send(this.state.resolve(reference), body, options);
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
    return this.sender.sendBatch(this.state.resolve(reference), entries);
  }

  /**
   * Receives up to `maxNumberOfMessages`, long-polling up to `waitTimeSeconds`: the call returns
   * as soon as a message is available (woken by the send), or empty when the time is up.
   */
  receiveMessages(reference: string, options: ReceiveMessageOptions = {}): Promise<ReceivedMessage[]> {
    return this.receiver.receive(this.state.resolve(reference), options);
  }

  /** Deletes the message the receipt handle names; a stale handle is a successful no-op, as in SQS. */
  deleteMessage(reference: string, receiptHandle: string): void {
    this.settlement.delete(this.state.resolve(reference), receiptHandle);
  }

  deleteMessageBatch(
    reference: string,
    entries: ReadonlyArray<{ id: string; receiptHandle: string }>,
  ): BatchResult<{ Id: string }> {
    return this.settlement.deleteBatch(this.state.resolve(reference), entries);
  }

  /** Sets the remaining visibility timeout (0-43200 s) of an in-flight message, counted from now. */
  changeMessageVisibility(reference: string, receiptHandle: string, visibilityTimeout: number): void {
    this.settlement.changeVisibility(this.state.resolve(reference), receiptHandle, visibilityTimeout);
  }

  changeMessageVisibilityBatch(
    reference: string,
    entries: ReadonlyArray<{ id: string; receiptHandle: string; visibilityTimeout: number }>,
  ): BatchResult<{ Id: string }> {
    return this.settlement.changeVisibilityBatch(this.state.resolve(reference), entries);
  }

  // ---------------------------------------------------------------- dead-letter redrive

  /** Starts moving messages out of a dead-letter queue; returns the task handle. */
  startMessageMoveTask(input: StartMoveTaskInput): string {
    return this.moveTasks.start(input);
  }

  /** The most recent move tasks of a source queue (1-10, default 1), newest first. */
  listMessageMoveTasks(sourceArn: string, maxResults?: number): MessageMoveTask[] {
    if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 10)) {
      throw invalidParameter('MaxResults', maxResults, 'Must be between 1 and 10, if provided.');
    }
    return this.moveTasks.list(sourceArn, maxResults);
  }

  /** Cancels a running move task; returns how many messages it had moved. */
  cancelMessageMoveTask(taskHandle: string): number {
    return this.moveTasks.cancel(taskHandle);
  }

  /** Stops timers and wakes long polls; the store is closed by its owner. */
  close(): void {
    this.sweeper.close();
    this.moveTasks.close();
    this.state.waiters.close();
  }
}
