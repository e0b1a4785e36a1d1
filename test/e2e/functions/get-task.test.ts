import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { handler as getTaskHandler } from '../../../functions/get-task/handler';
import { apiEvent } from '../../unit/support/api-gateway-event';
import { lambdaContext } from '../../unit/support/lambda-context';
import { acceptedRecord } from '../support/accepted-record';
import { type LocalStateTables, startStateTables } from '../support/state-tables';

/*
 * GET /tasks/{taskId} reading the task table on DynamoDB (dynalite behind the local endpoint).
 * Answers that never reach the table are in test/unit/functions/get-task.test.ts.
 */
let tables: LocalStateTables;
let handler: typeof getTaskHandler;

beforeAll(async () => {
  tables = await startStateTables('get-task');
  ({ handler } = await import('../../../functions/get-task/handler'));
});

afterAll(() => tables?.stop());

beforeEach(() => tables.clear());

const getTask = (taskId: string) =>
  handler(
    apiEvent({
      method: 'GET',
      path: `/tasks/${taskId}`,
      resource: '/tasks/{taskId}',
      pathParameters: { taskId },
    }),
    lambdaContext(),
  );

describe('GET /tasks/{taskId}', () => {
  it('should answer the public view of the status record', async () => {
    await tables.documents.send(
      new PutCommand({
        TableName: tables.names.task,
        Item: {
          ...acceptedRecord('t-1', { status: 'SUCCEEDED', attempts: 1, result: { greeting: 'Hello, Ada!' } }),
          leaseExpiresAt: 123,
        },
      }),
    );

    const response = await getTask('t-1');

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      taskId: 't-1',
      type: 'hello',
      status: 'SUCCEEDED',
      attempts: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      result: { greeting: 'Hello, Ada!' },
    });
  });

  it('should answer 404 for an unknown task', async () => {
    const response = await getTask('missing');

    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body).error).toEqual({
      code: 'NOT_FOUND',
      message: 'Task missing does not exist',
    });
  });
});
