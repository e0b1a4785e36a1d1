import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { Clients } from '../../../../cli/target/clients';
import type { TaskSummary } from '../../../../console/api-types';
import { MAX_SCANNED_TASKS, recentTasks } from '../../../../console/server/task-scan';

const documents = mockClient(DynamoDBDocumentClient);
const clients = new Clients({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

const task = (minute: number, status = 'SUCCEEDED'): TaskSummary => ({
  taskId: `t-${minute}`,
  type: 'hello',
  status,
  attempts: 1,
  correlationId: `c-${minute}`,
  createdAt: `2026-12-01T10:${String(minute).padStart(2, '0')}:00.000Z`,
  updatedAt: `2026-12-01T10:${String(minute).padStart(2, '0')}:01.000Z`,
});

beforeEach(() => documents.reset());
afterAll(() => clients.destroy());

describe('recentTasks', () => {
  it('answers the newest tasks first across pages, at most `limit`', async () => {
    documents
      .on(ScanCommand)
      .resolvesOnce({
        Items: [task(3), task(41), task(7)],
        ScannedCount: 3,
        LastEvaluatedKey: { taskId: 't-7' },
      })
      .resolvesOnce({ Items: [task(12), task(59), task(30)], ScannedCount: 3 });

    const { tasks, complete } = await recentTasks(clients, 'tasks', { limit: 4 });

    expect(tasks.map((summary) => summary.taskId)).toEqual(['t-59', 't-41', 't-30', 't-12']);
    expect(complete).toBe(true);
  });

  it('filters by status in the scan itself, with the reserved words named', async () => {
    documents.on(ScanCommand).resolves({ Items: [task(5, 'FAILED')], ScannedCount: 9 });

    const { tasks } = await recentTasks(clients, 'tasks', { status: 'FAILED', limit: 10 });

    expect(tasks).toEqual([task(5, 'FAILED')]);
    expect(documents.commandCalls(ScanCommand)[0]?.args[0].input).toMatchObject({
      TableName: 'tasks',
      FilterExpression: '#status = :status',
      ExpressionAttributeNames: { '#status': 'status', '#type': 'type' },
      ExpressionAttributeValues: { ':status': 'FAILED' },
    });
  });

  it(`stops after ${MAX_SCANNED_TASKS} items read and says the list is incomplete`, async () => {
    documents
      .on(ScanCommand)
      .resolves({ Items: [task(1)], ScannedCount: 1000, LastEvaluatedKey: { taskId: 'more' } });

    const { complete } = await recentTasks(clients, 'tasks', { limit: 10 });

    expect(complete).toBe(false);
    expect(documents.commandCalls(ScanCommand)).toHaveLength(MAX_SCANNED_TASKS / 1000);
  });
});
