import type { SQSEvent } from 'aws-lambda';
import { errorMessage } from '../../common/error-summary';
import { linkedAbort } from '../platform/linked-abort';
import type { ReceivedMessage, SqsModel } from '../sqs';
import { readBatchResponse } from './batch-item-failures';
import { toSqsEventRecord } from './sqs-event-record';

/** An SQS event source mapping, as the template configures it. */
export interface SqsEventSourceMapping {
  /** Template logical id, for logs. */
  readonly id: string;
  readonly queueArn: string;
  /** Logical id, name or ARN of the function. */
  readonly functionReference: string;
  /** 1 to 10000. @default 10 */
  readonly batchSize: number;
  /** How long to gather a batch after its first message. @default 0 */
  readonly maximumBatchingWindowSeconds: number;
  /** Batches in flight at once (ScalingConfig.MaximumConcurrency). @default 5, where Lambda starts */
  readonly maximumConcurrency: number;
  /** FunctionResponseTypes includes ReportBatchItemFailures. */
  readonly reportBatchItemFailures: boolean;
}

/** What the poller needs from the rest of the local cloud. */
export interface SqsEventSourceDependencies {
  readonly sqs: SqsModel;
  readonly region: string;
  /** Synchronous invoke through the Lambda runtime. */
  invoke(functionReference: string, event: SQSEvent): Promise<unknown>;
  /** Operational messages (invocation failures, dropped items). */
  log(line: string): void;
}

/** The longest long poll SQS allows; the poller never spins on an empty queue. */
const LONG_POLL_SECONDS = 20;
const ERROR_BACKOFF_MS = 1000;
const SYSTEM_ATTRIBUTES = ['All'];
const MESSAGE_ATTRIBUTES = ['All'];

/**
 * Lambda's SQS poller for one mapping: long-polls the queue through the SQS model, gathers
 * batches (batch size, batching window), invokes the function with up to `maximumConcurrency`
 * batches in flight, and deletes only the messages that succeeded. Failed messages are left
 * alone, so they reappear when their visibility timeout ends and, after `maxReceiveCount`
 * receives, the queue's redrive policy moves them to the dead-letter queue, as in AWS.
 */
export class SqsEventSourcePoller {
  private readonly abort = new AbortController();
  private loops: Promise<void>[] = [];

  constructor(
    private readonly mapping: SqsEventSourceMapping,
    private readonly deps: SqsEventSourceDependencies,
  ) {}

  start(): void {
    if (this.loops.length > 0) return;
    this.loops = Array.from({ length: Math.max(1, this.mapping.maximumConcurrency) }, () => this.loop());
  }

  /** Stops polling and waits for the batches in flight to finish (and their deletes). */
  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.loops);
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        const batch = await this.gatherBatch();
        if (batch.length > 0) await this.process(batch);
      } catch (error) {
        if (this.stopped) return;
        this.deps.log(`${this.mapping.id}: polling failed: ${errorMessage(error)}`);
        await this.sleep(ERROR_BACKOFF_MS);
      }
    }
  }

  /** Waits for a first message, then fills the batch until it is full or the window closes. */
  private async gatherBatch(): Promise<ReceivedMessage[]> {
    const { batchSize, maximumBatchingWindowSeconds } = this.mapping;
    const batch = await this.receive(Math.min(10, batchSize), LONG_POLL_SECONDS, this.abort.signal);
    if (batch.length === 0 || maximumBatchingWindowSeconds <= 0) return batch;
    const windowEnds = Date.now() + maximumBatchingWindowSeconds * 1000;
    while (batch.length < batchSize && !this.stopped) {
      const remainingMs = windowEnds - Date.now();
      if (remainingMs <= 0) break;
      const window = linkedAbort(this.abort.signal, remainingMs);
      try {
        const more = await this.receive(
          Math.min(10, batchSize - batch.length),
          Math.min(LONG_POLL_SECONDS, Math.ceil(remainingMs / 1000)),
          window.signal,
        );
        batch.push(...more);
      } finally {
        window.dispose();
      }
    }
    return batch;
  }

  private receive(max: number, waitTimeSeconds: number, signal: AbortSignal): Promise<ReceivedMessage[]> {
    return this.deps.sqs.receiveMessages(this.mapping.queueArn, {
      maxNumberOfMessages: max,
      waitTimeSeconds,
      systemAttributeNames: SYSTEM_ATTRIBUTES,
      messageAttributeNames: MESSAGE_ATTRIBUTES,
      signal,
    });
  }

  private async process(batch: readonly ReceivedMessage[]): Promise<void> {
    const { id, queueArn, functionReference, reportBatchItemFailures } = this.mapping;
    const event: SQSEvent = {
      Records: batch.map((message) => toSqsEventRecord(message, queueArn, this.deps.region)),
    };
    let succeeded: readonly ReceivedMessage[];
    try {
      const response = await this.deps.invoke(functionReference, event);
      if (!reportBatchItemFailures) {
        succeeded = batch;
      } else {
        const outcome = readBatchResponse(response, new Set(batch.map((m) => m.MessageId)));
        if (outcome.kind === 'all-failed') {
          this.deps.log(`${id}: the whole batch of ${batch.length} failed: ${outcome.reason}`);
          succeeded = [];
        } else if (outcome.kind === 'partial') {
          succeeded = batch.filter((message) => !outcome.failedIds.has(message.MessageId));
        } else {
          succeeded = batch;
        }
      }
    } catch (error) {
      // A thrown error or a timeout fails the whole batch: every message stays in the queue.
      this.deps.log(`${id}: invocation failed for a batch of ${batch.length}: ${errorMessage(error)}`);
      succeeded = [];
    }
    this.delete(succeeded);
  }

  private delete(messages: readonly ReceivedMessage[]): void {
    for (let start = 0; start < messages.length; start += 10) {
      const entries = messages.slice(start, start + 10).map((message, index) => ({
        id: String(index),
        receiptHandle: message.ReceiptHandle,
      }));
      try {
        const result = this.deps.sqs.deleteMessageBatch(this.mapping.queueArn, entries);
        for (const failure of result.Failed) {
          this.deps.log(`${this.mapping.id}: could not delete a processed message: ${failure.Message}`);
        }
      } catch (error) {
        this.deps.log(`${this.mapping.id}: could not delete processed messages: ${errorMessage(error)}`);
      }
    }
  }

  /** Waits `ms`, or less if the poller stops; leaves no listener behind either way. */
  private async sleep(ms: number): Promise<void> {
    const wait = linkedAbort(this.abort.signal, ms);
    try {
      if (!wait.signal.aborted) {
        await new Promise((resolve) => wait.signal.addEventListener('abort', resolve, { once: true }));
      }
    } finally {
      wait.dispose();
    }
  }
}
