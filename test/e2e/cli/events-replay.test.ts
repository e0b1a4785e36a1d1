import type { ReplayReport } from '../../../cli/commands/events-replay';
import { E2E_TIMEOUT_MS, startTestCloud, type TestCloud } from '../runner/support/local-cloud-fixture';
import { pollUntil } from '../runner/support/poll-until';
import { signedRequest } from '../runner/support/signed-api';
import { runCli } from './support/cli-runner';

jest.setTimeout(E2E_TIMEOUT_MS);

interface FlowJson {
  readonly timeline: ReadonlyArray<{ readonly kind: string; readonly subscription?: string }>;
}

describe('switchyard events replay on the local cloud', () => {
  const correlationId = 'cli-replay-order';
  let test: TestCloud;
  let windowStart: string;
  let timelineBefore: FlowJson['timeline'];
  const cli = (...argv: string[]) => runCli([...argv, '--data-dir', test.dataDir]);
  /** Invocations of a subscription's consumer so far, from the local Lambda service's counters. */
  const statsOf = (consumer: string) =>
    Object.entries(test.cloud.stats()).find(([name]) => name.includes(consumer))?.[1];
  const invocations = (consumer: string): number => statsOf(consumer)?.invocations ?? 0;
  /** Whether the consumer got more invocations than `before` and none is still running. */
  const settledAfter = (consumer: string, before: number): boolean =>
    invocations(consumer) > before && statsOf(consumer)?.running === 0;

  beforeAll(async () => {
    test = await startTestCloud();
    windowStart = new Date(Date.now() - 1000).toISOString();
    const published = await signedRequest(
      test.cloud,
      'POST',
      '/events',
      {
        events: [
          {
            source: 'com.example.shop',
            type: 'order.placed',
            id: 'order-replay-1',
            data: { orderId: 'replay-1', amount: 2500, currency: 'EUR', customer: { customerId: 'c-7' } },
          },
        ],
      },
      { 'x-correlation-id': correlationId },
    );
    expect(published.status).toBe(202);
    timelineBefore = await pollUntil('the order to be recorded and consumed', async () => {
      const flow = await cli('flows', 'show', correlationId, '--json');
      if (flow.code !== 0) return undefined;
      const { timeline } = flow.json<FlowJson>();
      const kinds = timeline.map((entry) => entry.kind);
      return kinds.includes('EVENT_PUBLISHED') && kinds.includes('EVENT_CONSUMED') ? timeline : undefined;
    });
  });

  afterAll(async () => {
    await test?.stop();
  });

  it('should replay the window to every rule, and idempotent consumers record nothing twice', async () => {
    // Arrange
    const recorderBefore = invocations('FlowRecorderConsumer');
    const highValueBefore = invocations('HighValueOrdersConsumer');

    // Act
    const result = await cli('events', 'replay', '--from', windowStart, '--to', 'now', '--json');

    // Assert
    expect(result.code).toBe(0);
    const report = result.json<ReplayReport>();
    expect(report).toMatchObject({
      replayName: expect.stringMatching(/^switchyard-/),
      archiveName: test.cloud.outputs.EventArchiveName,
      from: windowStart,
      filterArns: [],
      state: 'COMPLETED',
    });
    expect(result.stderr).toMatch(/COMPLETED/);
    // Both consumers got the event again...
    await pollUntil('the replayed event to reach both consumers', async () =>
      settledAfter('FlowRecorderConsumer', recorderBefore) &&
      settledAfter('HighValueOrdersConsumer', highValueBefore)
        ? true
        : undefined,
    );
    // ...and the timeline is what it was: no line was added twice.
    const after = (await cli('flows', 'show', correlationId, '--json')).json<FlowJson>();
    expect(after.timeline).toEqual(timelineBefore);
  });

  it("should replay only to a subscription's rule with --channel", async () => {
    // Arrange
    const highValueBefore = invocations('HighValueOrdersConsumer');

    // Act
    const result = await cli(
      'events',
      'replay',
      '--from',
      windowStart,
      '--channel',
      'high-value-orders',
      '--json',
    );

    // Assert
    expect(result.code).toBe(0);
    const report = result.json<ReplayReport>();
    expect(report.state).toBe('COMPLETED');
    expect(report.filterArns).toEqual([expect.stringMatching(/HighValueOrders/)]);
    await pollUntil('the replayed event to reach high-value-orders', async () =>
      settledAfter('HighValueOrdersConsumer', highValueBefore) ? true : undefined,
    );
    const after = (await cli('flows', 'show', correlationId, '--json')).json<FlowJson>();
    expect(after.timeline).toEqual(timelineBefore);
  });

  it('should refuse to replay to the task channel, which the bus does not feed', async () => {
    // Act
    const result = await cli('events', 'replay', '--from', 'now-1h', '--channel', 'tasks');

    // Assert
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /tasks is fed by the API, not by the event bus[\s\S]*next: replay to a subscription: flow-recorder, high-value-orders, task-failures/,
    );
  });

  it('should exit 1 when EventBridge refuses the replay, naming what to change', async () => {
    // Arrange
    const name = `cli-replay-${Date.now()}`;
    expect((await cli('events', 'replay', '--from', windowStart, '--name', name)).code).toBe(0);

    // Act: replay names are unique
    const result = await cli('events', 'replay', '--from', windowStart, '--name', name);

    // Assert
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/EventBridge refused the replay[\s\S]*next: pick another --name/);
  });
});
