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

/** Answers task-index queries with `tasks` and flow-table queries with `items`. */
const tables = (tasks: object[], items: object[]) =>
  documents
    .on(QueryCommand)
    .callsFake((input: { IndexName?: string }) => ({ Items: input.IndexName ? tasks : items }));

beforeEach(() => documents.reset());

describe('GET /flows/{correlationId}', () => {
  it('should merge task history, publications and consumptions into one timeline in time order', async () => {
    tables(
      [
        {
          taskId: 't-1',
          type: 'webhook',
          correlationId: 'corr-1',
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
    tables([], []);

    const response = await getFlow('unknown');

    expect(response.statusCode).toBe(404);
  });

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
