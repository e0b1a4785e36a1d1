import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { handler as getFlowHandler } from '../../../functions/get-flow/handler';
import { apiEvent } from '../../unit/support/api-gateway-event';
import { lambdaContext } from '../../unit/support/lambda-context';
import { type LocalStateTables, startStateTables } from '../support/state-tables';

/*
 * GET /flows/{correlationId} on DynamoDB (dynalite behind the local endpoint): the task table's
 * index by correlation id and the flow table are queried for real. Answers that never query,
 * and tables that are unavailable, are tested in test/unit/functions/get-flow.test.ts.
 */
let tables: LocalStateTables;
let handler: typeof getFlowHandler;

beforeAll(async () => {
  tables = await startStateTables('get-flow');
  ({ handler } = await import('../../../functions/get-flow/handler'));
});

afterAll(() => tables?.stop());

beforeEach(() => tables.clear());

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

/** Writes `tasks` to the task table and `items` to the flow table. */
const seed = async (tasks: Record<string, unknown>[], items: Record<string, unknown>[]) => {
  for (const Item of tasks)
    await tables.documents.send(new PutCommand({ TableName: tables.names.task, Item }));
  for (const Item of items)
    await tables.documents.send(new PutCommand({ TableName: tables.names.flow, Item }));
};

describe('GET /flows/{correlationId}', () => {
  it('should merge task history, publications and consumptions into one timeline in time order', async () => {
    await seed(
      [
        {
          taskId: 't-1',
          type: 'webhook',
          correlationId: 'corr-1',
          // The index of tasks by correlation id holds only records with a creation time.
          createdAt: '2026-11-29T12:00:00.000Z',
          history: [
            { event: 'ACCEPTED', at: '2026-11-29T12:00:00.000Z' },
            { event: 'STARTED', at: '2026-11-29T12:00:01.000Z' },
            { event: 'SUCCEEDED', at: '2026-11-29T12:00:02.000Z', attempt: 1 },
          ],
        },
      ],
      [
        {
          correlationId: 'corr-1',
          sk: 'consumed#flow#t-1:succeeded',
          kind: 'EVENT_CONSUMED',
          at: '2026-11-29T12:00:04.000Z',
          eventId: 't-1:succeeded',
          type: 'task.succeeded',
          subscription: 'audit',
          outcome: 'PROCESSED',
          expiresAt: 1,
        },
        {
          correlationId: 'corr-1',
          sk: 'event#t-1:succeeded',
          kind: 'EVENT_PUBLISHED',
          at: '2026-11-29T12:00:03.000Z',
          eventId: 't-1:succeeded',
          type: 'task.succeeded',
          source: 'switchyard.tasks',
        },
      ],
    );

    const response = await getFlow('corr-1');

    expect(response.statusCode).toBe(200);
    const { correlationId, timeline } = JSON.parse(response.body) as {
      correlationId: string;
      timeline: { kind: string; at: string }[];
    };
    expect(correlationId).toBe('corr-1');
    expect(
      timeline.map((entry) => [
        entry.kind,
        (entry as { event?: string }).event ?? (entry as { type?: string }).type,
      ]),
    ).toEqual([
      ['TASK', 'ACCEPTED'],
      ['TASK', 'STARTED'],
      ['TASK', 'SUCCEEDED'],
      ['EVENT_PUBLISHED', 'task.succeeded'],
      ['EVENT_CONSUMED', 'task.succeeded'],
    ]);
    expect(timeline[4]).toEqual({
      kind: 'EVENT_CONSUMED',
      at: '2026-11-29T12:00:04.000Z',
      eventId: 't-1:succeeded',
      type: 'task.succeeded',
      subscription: 'audit',
      outcome: 'PROCESSED',
    });
    expect(timeline[0]).toEqual({
      kind: 'TASK',
      taskId: 't-1',
      taskType: 'webhook',
      event: 'ACCEPTED',
      at: '2026-11-29T12:00:00.000Z',
    });
  });

  it('should answer 404 for a correlation id nothing carried', async () => {
    const response = await getFlow('unknown');

    expect(response.statusCode).toBe(404);
  });
});
