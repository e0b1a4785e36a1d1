import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { handler as recordFlow } from '../../../functions/flow-recorder/handler';
import { handler as highValueOrders } from '../../../functions/high-value-orders/handler';
import { logger } from '../../../functions/shared/observability';
import { handler as taskFailures } from '../../../functions/task-failures/handler';
import { bufferedRecord, busEvent } from '../support/bus-event';
import { fakeFlowTable } from '../support/fake-flow-table';
import { fakeIdempotencyTable } from '../support/fake-idempotency-table';
import { lambdaContext } from '../support/lambda-context';
import { sqsEvent } from '../support/sqs-event';

const documents = mockClient(DynamoDBDocumentClient);
const dynamo = mockClient(DynamoDBClient);
let flows: ReturnType<typeof fakeFlowTable>;

const deliver = (consumer: typeof recordFlow, ...events: (object | string)[]) =>
  consumer(
    sqsEvent(
      ...events.map((event, index) =>
        bufferedRecord(`m-${index}`, typeof event === 'string' ? event : JSON.stringify(event)),
      ),
    ),
    lambdaContext(),
  );

const taskFailed = (eventId: string) =>
  busEvent({
    type: 'task.failed',
    source: 'switchyard.tasks',
    eventId,
    data: {
      taskId: 't-1',
      taskType: 'webhook',
      attempts: 5,
      error: { code: 'RETRIES_EXHAUSTED', message: 'HTTP 500' },
    },
  });

beforeEach(() => {
  documents.reset();
  dynamo.reset();
  flows = fakeFlowTable(documents);
  fakeIdempotencyTable(dynamo);
});

afterEach(() => jest.restoreAllMocks());

describe('flow recorder', () => {
  it('should record each published event once, however often it is delivered or replayed', async () => {
    const response = await deliver(recordFlow, busEvent({ eventId: 'e-1' }), busEvent({ eventId: 'e-2' }));
    await deliver(
      recordFlow,
      busEvent({ eventId: 'e-1' }),
      busEvent({ eventId: 'e-1', replayName: 'replay-1' }),
    );

    expect(response.batchItemFailures).toEqual([]);
    expect([...flows.values()].map((item) => [item.sk, item.kind, item.type])).toEqual([
      ['event#e-1', 'EVENT_PUBLISHED', 'order.placed'],
      ['event#e-2', 'EVENT_PUBLISHED', 'order.placed'],
    ]);
  });
});

describe('high-value orders', () => {
  it('should notify once per event and record the consumption', async () => {
    const notices = jest.spyOn(logger, 'info');

    await deliver(highValueOrders, busEvent({ eventId: 'big-1' }));
    await deliver(highValueOrders, busEvent({ eventId: 'big-1' }));

    expect(notices.mock.calls.filter(([message]) => message === 'High-value order')).toHaveLength(1);
    expect([...flows.values()]).toEqual([
      expect.objectContaining({
        correlationId: 'corr-1',
        sk: 'consumed#test-subscription#big-1',
        kind: 'EVENT_CONSUMED',
        subscription: 'test-subscription',
        outcome: 'PROCESSED',
      }),
    ]);
  });

  it('should fail only the records it cannot read, so they end in the DLQ', async () => {
    const response = await deliver(
      highValueOrders,
      busEvent({ eventId: 'ok' }),
      '{not json',
      busEvent({ eventId: 'bad', data: { orderId: 'o', amount: 'lots' } }),
      { hello: 'world' },
    );

    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual([
      'm-1',
      'm-2',
      'm-3',
    ]);
    expect([...flows.keys()]).toEqual(['corr-1|consumed#test-subscription#ok']);
  });
});

describe('task failures', () => {
  it('should raise one structured alert per failed task', async () => {
    const alerts = jest.spyOn(logger, 'error');

    await deliver(taskFailures, taskFailed('t-1:failed'), taskFailed('t-1:failed'));

    const taskAlerts = alerts.mock.calls.filter(([message]) => message === 'Task failed');
    expect(taskAlerts).toHaveLength(1);
    expect(taskAlerts[0]?.[1]).toMatchObject({
      alert: 'TASK_FAILED',
      taskId: 't-1',
      taskType: 'webhook',
      errorCode: 'RETRIES_EXHAUSTED',
    });
  });

  it('should report a failure of its store as a batch item failure', async () => {
    documents.reset();
    documents.rejects(new Error('table unavailable'));

    const response = await deliver(taskFailures, taskFailed('t-2:failed'));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-0' }]);
  });
});
