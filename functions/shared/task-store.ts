import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { TableDesign } from './table-design';
import { FINAL_TASK_STATUSES, type TaskError, type TaskHistoryEntry, type TaskRecord } from './task-record';

/** What `claim` found: the task is ours to run, already finished, run elsewhere, or unknown. */
export type ClaimOutcome =
  | { readonly kind: 'claimed'; readonly record: TaskRecord; readonly redriven?: true }
  | { readonly kind: 'finished'; readonly record: TaskRecord }
  | { readonly kind: 'busy'; readonly record: TaskRecord }
  | { readonly kind: 'missing' };

/** Thrown when a write is fenced off because another attempt took the task over. */
export class LostLeaseError extends Error {
  constructor(taskId: string, attempt: number) {
    super(`Task ${taskId}: attempt ${attempt} no longer owns the task`);
    this.name = 'LostLeaseError';
  }
}

const isConditionFailure = (error: unknown): boolean => error instanceof ConditionalCheckFailedException;

/**
 * Whether `messageId` may run a task again that failed because its retries ran out: it must be
 * a message that never ran the task (a redrive; SQS gives redriven messages new ids), and the
 * failure must be on the bus first, so restarting cannot swallow it.
 */
export const isRestartableBy = (record: TaskRecord, messageId: string): boolean =>
  record.status === 'FAILED' &&
  record.error?.code === 'RETRIES_EXHAUSTED' &&
  record.outcomePublished === true &&
  record.runMessageIds?.has(messageId) !== true;

const classifyRecord = (record: TaskRecord): ClaimOutcome =>
  FINAL_TASK_STATUSES.has(record.status) ? { kind: 'finished', record } : { kind: 'busy', record };

/** Appends one history entry; it is always the last clause of an update's SET. */
const APPEND_HISTORY = 'history = list_append(history, :history)';

/**
 * Status records in DynamoDB. Every state change is a conditional write, which is what makes
 * the worker an idempotent receiver: a redelivered message cannot claim a finished task, and
 * an attempt whose lease was taken over cannot overwrite its successor's outcome. Each change
 * appends to the record's history in the same write, so the timeline cannot miss a step.
 */
export class TaskStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(record: TaskRecord): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: record,
        ConditionExpression: 'attribute_not_exists(taskId)',
      }),
    );
  }

  async get(taskId: string): Promise<TaskRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { taskId }, ConsistentRead: true }),
    );
    return Item as TaskRecord | undefined;
  }

  /** The tasks of one flow, oldest first (from an eventually consistent index). */
  async listByCorrelationId(correlationId: string, limit = 100): Promise<TaskRecord[]> {
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: TableDesign.tasksByCorrelationIndex,
        KeyConditionExpression: 'correlationId = :correlationId',
        ExpressionAttributeValues: { ':correlationId': correlationId },
        Limit: limit,
      }),
    );
    return (Items ?? []) as TaskRecord[];
  }

  /** Removes a record that never became a queued task (the send failed). */
  async remove(taskId: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { taskId },
        ConditionExpression: '#status = :accepted AND attempts = :zero',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':accepted': 'ACCEPTED', ':zero': 0 },
      }),
    );
  }

  /**
   * Starts an attempt for the delivery `messageId`: the task must be ACCEPTED, or PROCESSING
   * with no live lease (the last attempt failed retryably or its invocation died), or FAILED
   * because its retries ran out and this is a new message for it (a redrive; see `restart`).
   */
  async claim(taskId: string, nowMs: number, leaseMs: number, messageId: string): Promise<ClaimOutcome> {
    const now = new Date(nowMs).toISOString();
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { taskId },
          UpdateExpression: `REMOVE deadLetteredAt SET #status = :processing, attempts = attempts + :one, leaseExpiresAt = :lease, lastMessageId = :messageId, updatedAt = :now, ${APPEND_HISTORY} ADD runMessageIds :messageIds`,
          ConditionExpression:
            'attribute_exists(taskId) AND (#status = :accepted OR (#status = :processing AND leaseExpiresAt < :nowMs))',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':processing': 'PROCESSING',
            ':accepted': 'ACCEPTED',
            ':one': 1,
            ':lease': nowMs + leaseMs,
            ':now': now,
            ':nowMs': nowMs,
            ':messageId': messageId,
            ':messageIds': new Set([messageId]),
            ':history': [{ event: 'STARTED', at: now } satisfies TaskHistoryEntry],
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { kind: 'claimed', record: Attributes as TaskRecord };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const record = await this.get(taskId);
    if (!record) return { kind: 'missing' };
    if (isRestartableBy(record, messageId)) {
      const restarted = await this.restart(record, nowMs, leaseMs, messageId);
      if (restarted) return { kind: 'claimed', record: restarted, redriven: true };
      // Another delivery restarted or finished it first: classify what is there now.
      return this.classify(taskId);
    }
    return classifyRecord(record);
  }

  /**
   * Runs a task again whose retries ran out, for a new message (a redrive): FAILED becomes
   * PROCESSING under a new attempt, the old error and published outcome are cleared, and the
   * history notes the redrive. Fenced by the attempt count, so two redriven copies cannot both
   * restart it. Answers the new record, or undefined when the record changed meanwhile.
   */
  private async restart(
    record: TaskRecord,
    nowMs: number,
    leaseMs: number,
    messageId: string,
  ): Promise<TaskRecord | undefined> {
    const now = new Date(nowMs).toISOString();
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { taskId: record.taskId },
          UpdateExpression: `REMOVE #error, lastError, outcomePublished, deadLetteredAt SET #status = :processing, attempts = attempts + :one, leaseExpiresAt = :lease, lastMessageId = :messageId, updatedAt = :now, ${APPEND_HISTORY} ADD runMessageIds :messageIds`,
          ConditionExpression:
            '#status = :failed AND #error.code = :exhausted AND attempts = :attempts AND outcomePublished = :true AND (attribute_not_exists(runMessageIds) OR NOT contains(runMessageIds, :messageId))',
          ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
          ExpressionAttributeValues: {
            ':processing': 'PROCESSING',
            ':failed': 'FAILED',
            ':exhausted': 'RETRIES_EXHAUSTED',
            ':attempts': record.attempts,
            ':true': true,
            ':one': 1,
            ':lease': nowMs + leaseMs,
            ':messageId': messageId,
            ':messageIds': new Set([messageId]),
            ':now': now,
            ':history': [
              { event: 'REDRIVEN', at: now, message: 'A new message arrived after retries ran out' },
              { event: 'STARTED', at: now },
            ] satisfies TaskHistoryEntry[],
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes as TaskRecord;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  private async classify(taskId: string): Promise<ClaimOutcome> {
    const record = await this.get(taskId);
    return record ? classifyRecord(record) : { kind: 'missing' };
  }

  async succeed(
    taskId: string,
    attempt: number,
    result: Record<string, unknown>,
    nowMs: number,
  ): Promise<void> {
    await this.finishAttempt(
      taskId,
      attempt,
      nowMs,
      { event: 'SUCCEEDED' },
      'SET #status = :status, #result = :result',
      {
        values: { ':status': 'SUCCEEDED', ':result': result },
        names: { '#result': 'result' },
      },
    );
  }

  async fail(taskId: string, attempt: number, error: TaskError, nowMs: number): Promise<void> {
    await this.finishAttempt(
      taskId,
      attempt,
      nowMs,
      { event: 'FAILED', message: error.message },
      'SET #status = :status, #error = :error',
      { values: { ':status': 'FAILED', ':error': error }, names: { '#error': 'error' } },
    );
  }

  /**
   * Ends an attempt that failed retryably: the lease is released for the next delivery. Answers
   * `dead-lettered`, changing nothing, when the task's last delivery already went to the DLQ
   * (see `markDeadLettered`): no retry will come, so the caller must fail the task instead.
   */
  async release(
    taskId: string,
    attempt: number,
    lastError: string,
    nowMs: number,
  ): Promise<'released' | 'dead-lettered'> {
    try {
      await this.finishAttempt(
        taskId,
        attempt,
        nowMs,
        { event: 'RETRYING', message: lastError },
        'SET lastError = :lastError, leaseExpiresAt = :zero',
        { values: { ':lastError': lastError, ':zero': 0 }, names: {} },
        'attribute_not_exists(deadLetteredAt)',
      );
      return 'released';
    } catch (error) {
      if (!(error instanceof LostLeaseError)) throw error;
      const record = await this.get(taskId);
      const ours = record?.status === 'PROCESSING' && record.attempts === attempt;
      if (ours && record.deadLetteredAt !== undefined) return 'dead-lettered';
      throw error;
    }
  }

  /**
   * Records that the task's last delivery is going to the DLQ while `attempt`, started by that
   * same message, still holds a live lease: the attempt then settles the task rather than wait
   * for a retry that will not come. Answers false, changing nothing, when the attempt has ended
   * or released its lease meanwhile, or belongs to another message (which has its own receives).
   */
  async markDeadLettered(
    taskId: string,
    attempt: number,
    nowMs: number,
    messageId: string,
  ): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { taskId },
          UpdateExpression: 'SET deadLetteredAt = :now',
          ConditionExpression:
            '#status = :processing AND attempts = :attempt AND leaseExpiresAt >= :nowMs AND (attribute_not_exists(lastMessageId) OR lastMessageId = :messageId)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':now': new Date(nowMs).toISOString(),
            ':nowMs': nowMs,
            ':processing': 'PROCESSING',
            ':attempt': attempt,
            ':messageId': messageId,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /**
   * Records that the outcome event of `attempt` is on the bus, so redeliveries stop re-publishing
   * it. A late call for an earlier run of a redriven task changes nothing.
   */
  async markOutcomePublished(taskId: string, attempt: number): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { taskId },
          UpdateExpression: 'SET outcomePublished = :true',
          ConditionExpression: '#status IN (:succeeded, :failed) AND attempts = :attempt',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':true': true,
            ':succeeded': 'SUCCEEDED',
            ':failed': 'FAILED',
            ':attempt': attempt,
          },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  private async finishAttempt(
    taskId: string,
    attempt: number,
    nowMs: number,
    entry: Omit<TaskHistoryEntry, 'at' | 'attempt'>,
    setExpression: string,
    expression: { values: Record<string, unknown>; names: Record<string, string> },
    extraCondition?: string,
  ): Promise<void> {
    const now = new Date(nowMs).toISOString();
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { taskId },
          UpdateExpression: `${setExpression}, updatedAt = :now, ${APPEND_HISTORY}`,
          ConditionExpression: `#status = :processing AND attempts = :attempt${extraCondition ? ` AND ${extraCondition}` : ''}`,
          ExpressionAttributeNames: { ...expression.names, '#status': 'status' },
          ExpressionAttributeValues: {
            ...expression.values,
            ':now': now,
            ':processing': 'PROCESSING',
            ':attempt': attempt,
            ':history': [{ ...entry, at: now, attempt } satisfies TaskHistoryEntry],
          },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new LostLeaseError(taskId, attempt);
      throw error;
    }
  }
}
