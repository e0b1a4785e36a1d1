import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { handler as taskFailures } from '../../../../functions/task-failures/handler';
import { bufferedRecord, taskFailedEvent } from '../../support/bus-event';
import { lambdaContext } from '../../support/lambda-context';
import { sqsEvent } from '../../support/sqs-event';

/*
 * A consumer whose store fails. Consuming events on DynamoDB (idempotency and the flow table) is
 * tested in test/e2e/functions/consumers/event-consumers.test.ts.
 */
const documents = mockClient(DynamoDBDocumentClient);
const dynamo = mockClient(DynamoDBClient);

const deliver = (consumer: typeof taskFailures, ...events: object[]) =>
  consumer(
    sqsEvent(...events.map((event, index) => bufferedRecord(`m-${index}`, JSON.stringify(event)))),
    lambdaContext(),
  );

beforeEach(() => {
  documents.reset();
  dynamo.reset();
});

describe('task failures', () => {
  it('should report a failure of its store as a batch item failure', async () => {
    documents.reset();
    documents.rejects(new Error('table unavailable'));

    const response = await deliver(taskFailures, taskFailedEvent('t-2:failed'));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-0' }]);
  });
});
