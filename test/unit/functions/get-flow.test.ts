import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../../functions/get-flow/handler';
import { apiEvent } from '../support/api-gateway-event';
import { lambdaContext } from '../support/lambda-context';

const documents = mockClient(DynamoDBDocumentClient);

const getFlow = (correlationId: string) =>
  handler(
    apiEvent({
      method: 'GET',
      path: `/flows/${correlationId}`,
      resource: '/flows/{correlationId}',
      pathParameters: { correlationId },
    }),
    lambdaContext(),
  );

beforeEach(() => documents.reset());

/*
 * Answers that never query, and tables that are unavailable. Building the timeline from the
 * tables is tested against DynamoDB in test/e2e/functions/get-flow.test.ts.
 */
describe('GET /flows/{correlationId}', () => {
  it('should answer 400 for a malformed correlation id without querying', async () => {
    const response = await getFlow('a b');

    expect(response.statusCode).toBe(400);
    expect(documents.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it('should answer 503 when a table is unavailable', async () => {
    documents.on(QueryCommand).rejects(new Error('throttled'));

    const response = await getFlow('corr-1');

    expect(response.statusCode).toBe(503);
  });
});
