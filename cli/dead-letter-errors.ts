import type { Message } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TaskRecord } from '../functions/shared/task-record';
import { TaskStore } from '../functions/shared/task-store';

/** What is known about why a message was dead-lettered. */
export interface DeadLetterCause {
  readonly firstError: string | null;
  readonly lastError: string | null;
  /** Where the errors come from: the task's status record, or EventBridge's delivery attributes. */
  readonly source: 'task-record' | 'eventbridge' | null;
  /** The task's status when the message is a task and its record exists. */
  readonly task?: { readonly taskId: string; readonly status: string; readonly attempts: number } | null;
}

const UNKNOWN: DeadLetterCause = { firstError: null, lastError: null, source: null };

/**
 * Why a task message failed, from the task's status record: SQS keeps no error with a message,
 * but the worker records each failed attempt (history) and the final error on the record.
 */
export async function taskDeadLetterCause(
  dynamoDb: DynamoDBDocumentClient,
  taskTableName: string,
  message: Message,
): Promise<DeadLetterCause> {
  const taskId = message.MessageAttributes?.taskId?.StringValue ?? taskIdFromBody(message.Body);
  if (taskId === undefined) return { ...UNKNOWN, task: null };
  const record = await new TaskStore(dynamoDb, taskTableName).get(taskId);
  if (record === undefined) return { ...UNKNOWN, task: null };
  const messages = (record.history ?? []).flatMap((entry) =>
    entry.message === undefined ? [] : [entry.message],
  );
  return {
    firstError: messages[0] ?? null,
    lastError: lastErrorOf(record) ?? messages[messages.length - 1] ?? null,
    source: 'task-record',
    task: { taskId: record.taskId, status: record.status, attempts: record.attempts },
  };
}

const lastErrorOf = (record: TaskRecord): string | undefined =>
  record.error === undefined ? record.lastError : `${record.error.code}: ${record.error.message}`;

function taskIdFromBody(body: string | undefined): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body ?? '');
    const taskId = (parsed as { taskId?: unknown } | null)?.taskId;
    return typeof taskId === 'string' ? taskId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why an event was dead-lettered. EventBridge marks events it could not deliver with
 * `ERROR_CODE` and `ERROR_MESSAGE` attributes; events the consumer failed arrive from the buffer
 * queue's redrive policy with no error attached, so their cause is unknown here (see the
 * consumer's log by correlation id).
 */
export function eventDeadLetterCause(message: Message): DeadLetterCause {
  const attributes = message.MessageAttributes ?? {};
  const code = attributes.ERROR_CODE?.StringValue;
  const text = attributes.ERROR_MESSAGE?.StringValue;
  if (code === undefined && text === undefined) return UNKNOWN;
  const error = [code, text].filter((part) => part !== undefined).join(': ');
  // EventBridge attaches the error of the last attempt only, so it is the first and last known.
  return { firstError: error, lastError: error, source: 'eventbridge' };
}
