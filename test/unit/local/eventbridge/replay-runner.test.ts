import { EventDispatcher } from '../../../../local/eventbridge/engine/event-dispatcher';
import { ReplayRunner } from '../../../../local/eventbridge/engine/replay-runner';
import { RoutingTable } from '../../../../local/eventbridge/engine/routing-table';
import { RuleCounters } from '../../../../local/eventbridge/engine/rule-counters';
import type { ReplayRecord } from '../../../../local/eventbridge/records/eventbridge-records';
import { EventBridgeStore } from '../../../../local/eventbridge/store/eventbridge-store';

const TIME = Date.parse('2026-01-01T00:00:00Z');

function aReplay(overrides: Partial<ReplayRecord> = {}): ReplayRecord {
  return {
    name: 'r',
    arn: 'arn:aws:events:us-east-1:000000000000:replay/r',
    archiveName: 'a',
    eventSourceArn: 'arn:aws:events:us-east-1:000000000000:archive/a',
    destinationArn: 'arn:aws:events:us-east-1:000000000000:event-bus/default',
    destinationBusName: 'default',
    eventStartTime: TIME - 1000,
    eventEndTime: TIME + 1000,
    state: 'STARTING',
    replayStartTime: TIME,
    lastReplayedSeq: 0,
    ...overrides,
  };
}

/** A store with one rule and target on the default bus and `count` archived events. */
function setUp(count: number) {
  const store = new EventBridgeStore(':memory:');
  store.putRule({
    name: 'all',
    busName: 'default',
    arn: 'arn:aws:events:us-east-1:000000000000:rule/all',
    eventPattern: '{"source":["s"]}',
    state: 'ENABLED',
    createdAt: TIME,
  });
  store.putTarget('default', 'all', { Id: 't', Arn: 'arn:aws:sqs:us-east-1:000000000000:q' });
  for (let i = 0; i < count; i++) {
    store.appendArchiveEvent(
      'a',
      TIME,
      JSON.stringify({ id: `e-${i}`, source: 's', time: '2026-01-01T00:00:00Z' }),
      TIME,
    );
  }
  const counters = new RuleCounters();
  const dispatcher = new EventDispatcher(store, new RoutingTable(store), counters, () => undefined);
  const matchedEvents = () => counters.statsOf(store.listRules('default'))[0]?.matchedEvents;
  return { store, runner: new ReplayRunner(store, dispatcher, () => TIME), matchedEvents };
}

describe('ReplayRunner', () => {
  it('should queue one delivery per archived event and complete', async () => {
    // Arrange
    const { store, runner, matchedEvents } = setUp(250);
    store.putReplay(aReplay());

    // Act
    runner.start('r');
    await runner.idle();

    // Assert
    expect(store.getReplay('r')).toMatchObject({ state: 'COMPLETED', replayEndTime: TIME });
    expect(store.pendingDeliveryCount()).toBe(250);
    expect(matchedEvents()).toBe(250);
    store.close();
  });

  it('should resume after the last committed batch instead of starting over', async () => {
    // Arrange: a previous run committed the first 100 events before the process died.
    const { store, runner } = setUp(150);
    store.putReplay(aReplay({ state: 'RUNNING', lastReplayedSeq: 100 }));

    // Act
    runner.resumeUnfinished();
    await runner.idle();

    // Assert
    expect(store.getReplay('r')?.state).toBe('COMPLETED');
    expect(store.pendingDeliveryCount()).toBe(50);
    store.close();
  });

  it("should not count replayed events for a rule the replay's filter leaves out", async () => {
    // Arrange
    const { store, runner, matchedEvents } = setUp(10);
    store.putReplay(aReplay({ filterArns: ['arn:aws:events:us-east-1:000000000000:rule/other'] }));

    // Act
    runner.start('r');
    await runner.idle();

    // Assert
    expect(store.getReplay('r')?.state).toBe('COMPLETED');
    expect(store.pendingDeliveryCount()).toBe(0);
    expect(matchedEvents()).toBe(0);
    store.close();
  });

  it('should end a replay cancelled before it ran as CANCELLED without replaying', async () => {
    // Arrange
    const { store, runner } = setUp(10);
    store.putReplay(aReplay({ state: 'CANCELLING' }));

    // Act
    runner.resumeUnfinished();
    await runner.idle();

    // Assert
    expect(store.getReplay('r')?.state).toBe('CANCELLED');
    expect(store.pendingDeliveryCount()).toBe(0);
    store.close();
  });
});
