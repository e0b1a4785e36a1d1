import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsStub } from 'aws-sdk-client-mock';
import type { TaskRecord } from '../../../functions/shared/task-record';

type MutableRecord = Record<string, unknown> & { taskId: string };

interface UpdateInput {
  Key: { taskId: string };
  UpdateExpression: string;
  ConditionExpression?: string;
  ExpressionAttributeValues: Record<string, unknown>;
  ExpressionAttributeNames: Record<string, string>;
}

const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

const APPEND_HISTORY = /, history = list_append\(history, :history\)( ADD runMessageIds :messageIds)?$/;

/**
 * An in-memory task table behind a mocked document client. It evaluates the conditions the
 * task store writes with (claim, and restart of an exhausted task by another message;
 * finish-attempt fenced by attempt number, and release refused once dead-lettered; outcome
 * published only for a final task) and appends history, so worker tests exercise the store's real
 * requests rather than canned answers.
 */
export const fakeTaskTable = (
  // biome-ignore lint/suspicious/noExplicitAny: aws-sdk-client-mock's stub type is generic over every command.
  mock: AwsStub<any, any, any>,
): Map<string, MutableRecord> => {
  const records = new Map<string, MutableRecord>();
  mock.on(PutCommand).callsFake((input: { Item: MutableRecord }) => {
    if (records.has(input.Item.taskId)) throw conditionFailed();
    records.set(input.Item.taskId, { ...input.Item });
    return {};
  });
  mock
    .on(GetCommand)
    .callsFake((input: { Key: { taskId: string } }) => ({ Item: records.get(input.Key.taskId) }));
  mock.on(DeleteCommand).callsFake((input: { Key: { taskId: string } }) => {
    records.delete(input.Key.taskId);
    return {};
  });
  mock.on(UpdateCommand).callsFake((input: UpdateInput) => {
    const record = records.get(input.Key.taskId);
    const values = input.ExpressionAttributeValues;
    if (!record) throw conditionFailed();
    if (input.UpdateExpression.startsWith('SET outcomePublished')) {
      const final = record.status === 'SUCCEEDED' || record.status === 'FAILED';
      if (!final || record.attempts !== values[':attempt']) throw conditionFailed();
      record.outcomePublished = true;
      return {};
    }
    const appendHistory = () => {
      if (values[':history'] === undefined) return;
      record.history = [
        ...((record.history as unknown[] | undefined) ?? []),
        ...(values[':history'] as unknown[]),
      ];
    };
    const expression = input.UpdateExpression.replace(APPEND_HISTORY, '');
    if (expression.includes('attempts = attempts + :one')) {
      const redrive = input.ConditionExpression?.includes(':exhausted') === true;
      const claimable = redrive
        ? record.status === 'FAILED' &&
          (record.error as { code?: string } | undefined)?.code === 'RETRIES_EXHAUSTED' &&
          record.attempts === values[':attempts'] &&
          record.outcomePublished === true &&
          !(record.runMessageIds as Set<string> | undefined)?.has(String(values[':messageId']))
        : record.status === 'ACCEPTED' ||
          (record.status === 'PROCESSING' && Number(record.leaseExpiresAt ?? 0) < Number(values[':nowMs']));
      if (!claimable) throw conditionFailed();
      for (const removed of [
        'deadLetteredAt',
        ...(redrive ? ['error', 'lastError', 'outcomePublished'] : []),
      ]) {
        delete record[removed];
      }
      Object.assign(record, {
        status: 'PROCESSING',
        attempts: Number(record.attempts) + 1,
        leaseExpiresAt: values[':lease'],
        lastMessageId: values[':messageId'],
        runMessageIds: new Set([
          ...((record.runMessageIds as Set<string> | undefined) ?? []),
          values[':messageId'],
        ]),
        updatedAt: values[':now'],
      });
      appendHistory();
      return { Attributes: { ...record } };
    }
    if (record.status !== 'PROCESSING' || record.attempts !== values[':attempt']) throw conditionFailed();
    const condition = input.ConditionExpression ?? '';
    if (condition.includes('attribute_not_exists(deadLetteredAt)') && record.deadLetteredAt)
      throw conditionFailed();
    if (
      condition.includes('leaseExpiresAt >= :nowMs') &&
      Number(record.leaseExpiresAt ?? 0) < Number(values[':nowMs'])
    ) {
      throw conditionFailed();
    }
    if (
      condition.includes('lastMessageId = :messageId') &&
      record.lastMessageId !== undefined &&
      record.lastMessageId !== values[':messageId']
    ) {
      throw conditionFailed();
    }
    for (const assignment of expression.replace(/^SET /, '').split(',')) {
      const [name, value] = assignment.split('=').map((part) => part.trim());
      const attribute = input.ExpressionAttributeNames[name ?? ''] ?? name ?? '';
      record[attribute] = values[value ?? ''];
    }
    appendHistory();
    return {};
  });
  return records;
};

/** A status record as ingest writes it. */
export const acceptedRecord = (taskId: string, overrides: Partial<TaskRecord> = {}): TaskRecord => ({
  taskId,
  type: 'hello',
  status: 'ACCEPTED',
  attempts: 0,
  correlationId: `corr-${taskId}`,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  history: [{ event: 'ACCEPTED', at: '2026-01-01T00:00:00.000Z' }],
  ...overrides,
});
