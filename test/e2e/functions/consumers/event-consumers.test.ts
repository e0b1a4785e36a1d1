import type { handler as recordFlowHandler } from '../../../../functions/flow-recorder/handler';
import type { logger as functionsLogger } from '../../../../functions/shared/observability';
import { bufferedRecord, busEvent, taskFailedEvent } from '../../../unit/support/bus-event';
import { lambdaContext } from '../../../unit/support/lambda-context';
import { sqsEvent } from '../../../unit/support/sqs-event';
import { type LocalStateTables, startStateTables } from '../../support/state-tables';

/*
 * The event consumers on DynamoDB (dynalite behind the local endpoint): Powertools idempotency's
 * conditional writes and the flow table's conditional puts are the real ones. A store that fails
 * is tested in test/unit/functions/consumers/event-consumers.test.ts.
 */
let tables: LocalStateTables;
let recordFlow: typeof recordFlowHandler;
let highValueOrders: typeof recordFlowHandler;
let taskFailures: typeof recordFlowHandler;
let logger: typeof functionsLogger;

beforeAll(async () => {
  tables = await startStateTables('event-consumers');
  ({ handler: recordFlow } = await import('../../../../functions/flow-recorder/handler'));
  ({ handler: highValueOrders } = await import('../../../../functions/high-value-orders/handler'));
  ({ handler: taskFailures } = await import('../../../../functions/task-failures/handler'));
  ({ logger } = await import('../../../../functions/shared/observability'));
});

afterAll(() => tables?.stop());

/** The flow table's items, as `correlationId|sk` keys and items. */
const flows = async () => {
  const items = (await tables.items(tables.names.flow)) as (Record<string, unknown> & {
    correlationId: string;
    sk: string;
  })[];
  return new Map(items.map((item) => [`${item.correlationId}|${item.sk}`, item]));
};

const deliver = (consumer: typeof recordFlow, ...events: (object | string)[]) =>
  consumer(
    sqsEvent(
      ...events.map((event, index) =>
        bufferedRecord(`m-${index}`, typeof event === 'string' ? event : JSON.stringify(event)),
      ),
    ),
    lambdaContext(),
  );

beforeEach(() => tables.clear());

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
    expect([...(await flows()).values()].map((item) => [item.sk, item.kind, item.type])).toEqual([
      ['event#e-1', 'EVENT_PUBLISHED', 'order.placed'],
      ['event#e-2', 'EVENT_PUBLISHED', 'order.placed'],
    ]);
  });

  it('should keep no idempotency record: its conditional write is the deduplication', async () => {
    await deliver(recordFlow, busEvent({ eventId: 'e-1' }));

    expect(await tables.items(tables.names.flow)).toHaveLength(1);
    expect(await tables.items(tables.names.idempotency)).toEqual([]);
  });
});

describe('a subscription without an idempotency table', () => {
  /** Loads a consumer afresh, as a cold start does, with no idempotency table in its environment. */
  const coldStartWithoutIdempotencyTable = async (folder: string): Promise<typeof recordFlowHandler> => {
    const saved = process.env.IDEMPOTENCY_TABLE_NAME;
    delete process.env.IDEMPOTENCY_TABLE_NAME;
    try {
      let loaded: typeof recordFlowHandler | undefined;
      await jest.isolateModulesAsync(async () => {
        ({ handler: loaded } = await import(`../../../../functions/${folder}/handler`));
      });
      return loaded as typeof recordFlowHandler;
    } finally {
      process.env.IDEMPOTENCY_TABLE_NAME = saved;
    }
  };

  it('should still start the wire tap, which the stack deploys that way', async () => {
    const coldTap = await coldStartWithoutIdempotencyTable('flow-recorder');

    const response = await deliver(coldTap, busEvent({ eventId: 'e-cold' }));

    expect(response.batchItemFailures).toEqual([]);
    expect(await tables.items(tables.names.flow)).toHaveLength(1);
  });

  it('should refuse to start a consumer that relies on the table, rather than run without it', async () => {
    await expect(coldStartWithoutIdempotencyTable('high-value-orders')).rejects.toThrow(
      'IDEMPOTENCY_TABLE_NAME',
    );
  });
});

describe('high-value orders', () => {
  it('should notify once per event and record the consumption', async () => {
    const notices = jest.spyOn(logger, 'info');

    await deliver(highValueOrders, busEvent({ eventId: 'big-1' }));
    await deliver(highValueOrders, busEvent({ eventId: 'big-1' }));

    expect(notices.mock.calls.filter(([message]) => message === 'High-value order')).toHaveLength(1);
    expect(await tables.items(tables.names.idempotency)).toEqual([
      expect.objectContaining({ status: 'COMPLETED' }),
    ]);
    expect([...(await flows()).values()]).toEqual([
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
    expect([...(await flows()).keys()]).toEqual(['corr-1|consumed#test-subscription#ok']);
  });
});

describe('task failures', () => {
  it('should raise one structured alert per failed task', async () => {
    const alerts = jest.spyOn(logger, 'error');

    await deliver(taskFailures, taskFailedEvent('t-1:failed'), taskFailedEvent('t-1:failed'));

    const taskAlerts = alerts.mock.calls.filter(([message]) => message === 'Task failed');
    expect(taskAlerts).toHaveLength(1);
    expect(taskAlerts[0]?.[1]).toMatchObject({
      alert: 'TASK_FAILED',
      taskId: 't-1',
      taskType: 'webhook',
      errorCode: 'RETRIES_EXHAUSTED',
    });
  });
});
