import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../../functions/get-task/handler';
import { apiEvent } from '../support/api-gateway-event';
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

/*
 * Answers that never read a record. Reading the task table is tested against DynamoDB in
 * test/e2e/functions/get-task.test.ts.
 */
describe('GET /tasks/{taskId}', () => {
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
