import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../../functions/get-task/handler';
import { apiEvent } from '../support/api-gateway-event';
import { acceptedRecord, fakeTaskTable } from '../support/fake-task-table';
import { lambdaContext } from '../support/lambda-context';

const documents = mockClient(DynamoDBDocumentClient);

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

beforeEach(() => documents.reset());

describe('GET /tasks/{taskId}', () => {
  it('should answer the public view of the status record', async () => {
    const records = fakeTaskTable(documents);
    records.set('t-1', {
      ...acceptedRecord('t-1', { status: 'SUCCEEDED', attempts: 1, result: { greeting: 'Hello, Ada!' } }),
      leaseExpiresAt: 123,
    });

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
    fakeTaskTable(documents);

    const response = await getTask('missing');

    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body).error).toEqual({
      code: 'NOT_FOUND',
      message: 'Task missing does not exist',
    });
  });

  it('should answer 400 for a malformed task id without reading the table', async () => {
    const response = await getTask('bad%20id');

    expect(response.statusCode).toBe(400);
    expect(documents.commandCalls(GetCommand)).toHaveLength(0);
  });

  it('should answer 503 without leaking the error when the table is unavailable', async () => {
    documents.on(GetCommand).rejects(new Error('socket hang up at 10.0.0.1'));

    const response = await getTask('t-2');

    expect(response.statusCode).toBe(503);
    expect(response.body).not.toContain('10.0.0.1');
  });
});
