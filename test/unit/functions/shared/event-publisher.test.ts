import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import {
  chunkEventEntries,
  eventEntrySize,
  MAX_PUT_EVENTS_BYTES,
} from '../../../../functions/shared/event-entry-size';
import { EventPublisher, type OutgoingEvent } from '../../../../functions/shared/event-publisher';

const eventBridge = mockClient(EventBridgeClient);
const sleeps: number[] = [];
const publisher = () =>
  new EventPublisher(new EventBridgeClient({}), 'bus', {
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    now: () => Date.parse('2026-11-29T12:00:00.000Z'),
  });

const outgoing = (index: number, data: unknown = { n: index }): OutgoingEvent => ({
  source: 'com.example.shop',
  type: 'order.placed',
  data,
  eventId: `e-${index}`,
  correlationId: 'corr-1',
});

/** Answers every entry as accepted except those whose event ids `failing` names. */
const busAccepting = (failing: (eventId: string, call: number) => string | undefined = () => undefined) => {
  let call = 0;
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => {
    call += 1;
    const entries = input.Entries.map((entry) => {
      const eventId = JSON.parse(entry.Detail ?? '{}').metadata.eventId as string;
      const errorCode = failing(eventId, call);
      return errorCode
        ? { ErrorCode: errorCode, ErrorMessage: `${errorCode} for ${eventId}` }
        : { EventId: `bus-${eventId}` };
    });
    return { FailedEntryCount: entries.filter((entry) => 'ErrorCode' in entry).length, Entries: entries };
  });
};

const entriesPerCall = () =>
  eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries?.length);

beforeEach(() => {
  eventBridge.reset();
  sleeps.length = 0;
});

describe('eventEntrySize', () => {
  it('should count Time as 14 bytes plus the UTF-8 bytes of source, detail type, detail and resources', () => {
    const entry = {
      Time: new Date(),
      Source: 'src',
      DetailType: 'tÿpe',
      Detail: '{"a":"€"}',
      Resources: ['r1', 'r22'],
    };

    expect(eventEntrySize(entry)).toBe(14 + 3 + 5 + 11 + 2 + 3);
  });
});

describe('chunkEventEntries', () => {
  it('should split by entry count', () => {
    const chunks = chunkEventEntries(
      Array.from({ length: 23 }, (_, i) => i),
      () => 1,
    );

    expect(chunks.map((chunk) => chunk.length)).toEqual([10, 10, 3]);
  });

  it('should split by total size and keep order', () => {
    const sizes = [400_000, 400_000, 400_000, 10, 1_000_000];

    const chunks = chunkEventEntries(sizes, (size) => size);

    expect(chunks).toEqual([[400_000, 400_000], [400_000, 10], [1_000_000]]);
    for (const chunk of chunks)
      expect(chunk.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(MAX_PUT_EVENTS_BYTES);
  });
});

describe('EventPublisher', () => {
  it('should publish 100 small events in 10 calls with the metadata in every detail', async () => {
    busAccepting();

    const outcomes = await publisher().publish(Array.from({ length: 100 }, (_, i) => outgoing(i)));

    expect(entriesPerCall()).toEqual(Array(10).fill(10));
    expect(outcomes.every((outcome) => outcome.status === 'PUBLISHED')).toBe(true);
    const first = eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0];
    expect(first).toMatchObject({
      EventBusName: 'bus',
      Source: 'com.example.shop',
      DetailType: 'order.placed',
    });
    expect(JSON.parse(first?.Detail ?? '')).toEqual({
      metadata: { correlationId: 'corr-1', eventId: 'e-0', publishedAt: '2026-11-29T12:00:00.000Z' },
      data: { n: 0 },
    });
  });

  it('should give an entry near the size limit a call of its own', async () => {
    busAccepting();
    const big = outgoing(1, { blob: 'x'.repeat(MAX_PUT_EVENTS_BYTES - 200) });

    await publisher().publish([outgoing(0), big, outgoing(2)]);

    expect(entriesPerCall()).toEqual([1, 1, 1]);
  });

  it('should retry only the failed entries with growing jittered backoff', async () => {
    busAccepting((eventId, call) => (eventId === 'e-1' && call < 3 ? 'ThrottlingException' : undefined));

    const outcomes = await publisher().publish([outgoing(0), outgoing(1), outgoing(2)]);

    expect(entriesPerCall()).toEqual([3, 1, 1]);
    expect(sleeps).toEqual([50, 100]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['PUBLISHED', 'PUBLISHED', 'PUBLISHED']);
  });

  it('should give up after the bounded number of attempts and report each failure', async () => {
    busAccepting((eventId) => (eventId === 'e-0' ? 'InternalFailure' : undefined));

    const outcomes = await publisher().publish([outgoing(0), outgoing(1)]);

    expect(entriesPerCall()).toEqual([2, 1, 1, 1]);
    expect(outcomes).toEqual([
      {
        eventId: 'e-0',
        status: 'FAILED',
        error: { code: 'InternalFailure', message: 'InternalFailure for e-0' },
      },
      { eventId: 'e-1', status: 'PUBLISHED' },
    ]);
  });

  it('should not retry an entry error that would fail the same way again', async () => {
    busAccepting((eventId) => (eventId === 'e-0' ? 'MalformedDetail' : undefined));

    const outcomes = await publisher().publish([outgoing(0)]);

    expect(entriesPerCall()).toEqual([1]);
    expect(outcomes[0]).toMatchObject({ status: 'FAILED', error: { code: 'MalformedDetail' } });
  });

  it('should retry a call that failed whole', async () => {
    eventBridge
      .on(PutEventsCommand)
      .rejectsOnce(new Error('socket hang up'))
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'bus-1' }] });

    const outcomes = await publisher().publish([outgoing(0)]);

    expect(outcomes).toEqual([{ eventId: 'e-0', status: 'PUBLISHED' }]);
  });
});
