import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../../functions/publish-events/handler';
import { apiEvent } from '../support/api-gateway-event';
import { lambdaContext } from '../support/lambda-context';
import { spyOnBusinessMetrics } from '../support/metrics-spy';

const eventBridge = mockClient(EventBridgeClient);

const order = (overrides: Record<string, unknown> = {}) => ({
  source: 'com.example.shop',
  type: 'order.placed',
  data: { orderId: 'o-1', amount: 1250, currency: 'EUR', customer: { customerId: 'c-1' } },
  ...overrides,
});

const publish = (body: unknown, headers: Record<string, string> = {}): Promise<APIGatewayProxyResult> =>
  handler(apiEvent({ method: 'POST', path: '/events', body, headers }), lambdaContext());

const errorOf = (response: APIGatewayProxyResult) =>
  (JSON.parse(response.body) as { error: { code: string; details?: { path: string; message: string }[] } })
    .error;

const publishedEntries = () =>
  eventBridge
    .commandCalls(PutEventsCommand)
    .flatMap((call) => call.args[0].input.Entries ?? []) as PutEventsRequestEntry[];

/** EventBridge keeps refusing the entries whose event id is `eventId`, and takes the rest. */
const rejectEventsWithId = (eventId: string) =>
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => ({
    FailedEntryCount: 1,
    Entries: input.Entries.map((entry) =>
      JSON.parse(entry.Detail ?? '{}').metadata.eventId === eventId
        ? { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' }
        : { EventId: 'bus-1' },
    ),
  }));

beforeEach(() => {
  eventBridge.reset();
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
    FailedEntryCount: 0,
    Entries: input.Entries.map((_, index) => ({ EventId: `bus-${index}` })),
  }));
});

describe('POST /events', () => {
  it('should publish valid events and answer 202 with one result per event', async () => {
    const response = await publish(
      { events: [order({ id: 'evt-1' }), order()] },
      { 'X-Correlation-Id': 'corr-9' },
    );

    expect(response.statusCode).toBe(202);
    const { results } = JSON.parse(response.body) as {
      results: { index: number; eventId: string; status: string }[];
    };
    expect(results).toEqual([
      { index: 0, eventId: 'evt-1', status: 'PUBLISHED' },
      { index: 1, eventId: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'PUBLISHED' },
    ]);
    const detail = JSON.parse(publishedEntries()[0]?.Detail ?? '{}');
    expect(detail.metadata).toMatchObject({ correlationId: 'corr-9', eventId: 'evt-1' });
    expect(detail.data).toEqual(order().data);
  });

  it('should reject the whole request, naming each bad entry by index and field, and publish nothing', async () => {
    const response = await publish({
      events: [
        order(),
        order({ source: 'aws.s3' }),
        order({ type: 'order.cancelled' }),
        order({ data: { ...order().data, amount: -5, currency: 'euro' } }),
      ],
    });

    expect(response.statusCode).toBe(400);
    expect(
      errorOf(response)
        .details?.map((detail) => detail.path)
        .sort(),
    ).toEqual(['events.1.source', 'events.2.type', 'events.3.data.amount', 'events.3.data.currency']);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  it('should not let clients publish the events Switchyard emits itself', async () => {
    const internalType = await publish({ events: [order({ type: 'task.failed' })] });
    const reservedSource = await publish({ events: [order({ source: 'switchyard.tasks' })] });

    expect(errorOf(internalType).details?.map((detail) => detail.path)).toEqual(['events.0.type']);
    expect(errorOf(reservedSource).details).toEqual([
      { path: 'events.0.source', message: 'must not start with aws. or switchyard.' },
    ]);
  });

  it('should keep the events in the order given', async () => {
    const response = await publish({ events: [order({ id: 'a' }), order({ id: 'b' }), order({ id: 'c' })] });

    expect(response.statusCode).toBe(202);
    expect(publishedEntries().map((entry) => JSON.parse(entry.Detail ?? '{}').metadata.eventId)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it.each([
    ['no events', { events: [] }],
    ['over 100 events', { events: Array.from({ length: 101 }, () => order()) }],
    ['no events field', {}],
  ])('should answer 400 for %s', async (_case, body) => {
    const response = await publish(body);

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details?.[0]?.path).toBe('events');
  });

  it('should answer 207 with each outcome when some entries keep failing', async () => {
    rejectEventsWithId('bad');

    const response = await publish({ events: [order({ id: 'good' }), order({ id: 'bad' })] });

    expect(response.statusCode).toBe(207);
    expect(JSON.parse(response.body).results).toEqual([
      { index: 0, eventId: 'good', status: 'PUBLISHED' },
      {
        index: 1,
        eventId: 'bad',
        status: 'FAILED',
        error: { code: 'MalformedDetail', message: 'Detail is malformed.' },
      },
    ]);
  });

  it('should count published and failed events by event type', async () => {
    rejectEventsWithId('bad');
    const businessMetrics = spyOnBusinessMetrics();

    await publish({ events: [order({ id: 'good' }), order({ id: 'also-good' }), order({ id: 'bad' })] });

    businessMetrics.restore();
    expect(businessMetrics.counted).toEqual([
      { name: 'EventsPublished', value: 1, dimensions: { eventType: 'order.placed' } },
      { name: 'EventsPublished', value: 1, dimensions: { eventType: 'order.placed' } },
      { name: 'EventsFailed', value: 1, dimensions: { eventType: 'order.placed' } },
    ]);
  });

  it('should answer 503 when no event could be published', async () => {
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'AccessDeniedException', ErrorMessage: 'not allowed' }],
    });

    const response = await publish({ events: [order()] });

    expect(response.statusCode).toBe(503);
    expect(errorOf(response)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: [{ path: 'events.0' }] });
  });
});
