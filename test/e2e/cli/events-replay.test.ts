import {
  EventBridgeClient,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import type { ReplayReport, StatusReport } from '../../../cli/operations';
import { REPLAY_RULE_PREFIX, replayRuleNamePrefix } from '../../../infra/replay-rules';
import {
  clientConfig,
  E2E_TIMEOUT_MS,
  startTestCloud,
  type TestCloud,
} from '../local/runner/support/local-cloud-fixture';
import { pollUntil } from '../local/runner/support/poll-until';
import { signedRequest } from '../local/runner/support/signed-api';
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
    // A consumer batch that fails comes back within seconds rather than the queues' minutes, so a
    // passing hiccup cannot outlast the waits below; consumers stay idempotent either way.
    test = await startTestCloud({ localOverrides: { visibilityTimeoutSeconds: 5 } });
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
    // Another high-value order, from another customer: what --pattern must leave out.
    const other = await signedRequest(test.cloud, 'POST', '/events', {
      events: [
        {
          source: 'com.example.shop',
          type: 'order.placed',
          id: 'order-replay-2',
          data: { orderId: 'replay-2', amount: 3000, currency: 'EUR', customer: { customerId: 'c-8' } },
        },
      ],
    });
    expect(other.status).toBe(202);
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

  /** `events replay` of the window holding this file's orders. */
  const replayWindow = (...argv: string[]) => cli('events', 'replay', '--from', windowStart, ...argv);
  /** `subscription eventId` of each event the consumers logged as consumed in a replay. */
  const consumedInReplay = (replayName: string): string[] =>
    test.logs
      .map((line) => line.slice(line.indexOf('] ') + 2))
      .filter((json) => json.includes('"Event consumed"') && json.includes(`"replayName":"${replayName}"`))
      .map((json) => JSON.parse(json) as { subscription: string; eventId: string })
      .map(({ subscription, eventId }) => `${subscription} ${eventId}`)
      .sort();
  /** Whether every subscription queue is drained and no consumer is running. */
  const drained = async (): Promise<boolean> => {
    const status = (await cli('status', '--json')).json<StatusReport>();
    return status.channels.every((channel) => channel.queued === 0 && channel.inFlight === 0);
  };

  /** Names of the temporary replay rules on the bus. */
  const replayRulesOnBus = async (): Promise<string[]> => {
    const events = new EventBridgeClient(clientConfig(test.cloud));
    const { Rules = [] } = await events.send(
      new ListRulesCommand({ EventBusName: test.cloud.outputs.EventBusName, NamePrefix: REPLAY_RULE_PREFIX }),
    );
    return Rules.map((rule) => rule.Name ?? '');
  };

  it('should replay the window to every rule, and idempotent consumers record nothing twice', async () => {
    // Arrange
    const recorderBefore = invocations('FlowRecorderConsumer');
    const highValueBefore = invocations('HighValueOrdersConsumer');

    // Act
    const result = await replayWindow('--to', 'now', '--json');

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
    const result = await replayWindow('--channel', 'high-value-orders', '--json');

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

  it('should replay only events matching --pattern, through temporary rules it removes afterwards', async () => {
    // Arrange
    const pattern = { detail: { data: { customer: { customerId: ['c-7'] } } } };

    // Act
    const result = await replayWindow('--pattern', JSON.stringify(pattern), '--json');

    // Assert
    expect(result.code).toBe(0);
    const report = result.json<ReplayReport>();
    expect(report).toMatchObject({ state: 'COMPLETED', pattern });
    // One copy per subscription, each requiring its own rule, the pattern and this replay.
    expect(report.temporaryRules?.map((rule) => rule.channel)).toEqual([
      'flow-recorder',
      'high-value-orders',
      'task-failures',
    ]);
    const highValue = report.temporaryRules?.find((rule) => rule.channel === 'high-value-orders');
    expect(highValue?.name).toMatch(/^switchyard-replay-high-value-orders\.[0-9a-f]{8}$/);
    expect(highValue?.eventPattern).toEqual({
      'detail-type': ['order.placed'],
      detail: { data: { amount: [{ numeric: ['>=', 1000] }], customer: { customerId: ['c-7'] } } },
      'replay-name': [report.replayName],
    });
    expect(report.filterArns).toHaveLength(3);
    expect(report.filterArns.every((arn) => arn.includes(`/${REPLAY_RULE_PREFIX}`))).toBe(true);
    await pollUntil('the replayed order to reach flow-recorder and high-value-orders', async () =>
      consumedInReplay(report.replayName).length >= 2 && (await drained()) ? true : undefined,
    ).catch((error: Error) => {
      // What the cloud said is the only trace of why a delivery or a consumer stalled.
      throw new Error(`${error.message}\nlast cloud log lines:\n${test.logs.slice(-40).join('\n')}`);
    });
    // Only the matching order came back, to each subscription once; the other customer's did not.
    expect(consumedInReplay(report.replayName)).toEqual([
      'flow-recorder order-replay-1',
      'high-value-orders order-replay-1',
    ]);
    const after = (await cli('flows', 'show', correlationId, '--json')).json<FlowJson>();
    expect(after.timeline).toEqual(timelineBefore);
    expect(await replayRulesOnBus()).toEqual([]);
  });

  it('should skip a subscription whose rule no event of --pattern can match', async () => {
    // Act: high-value-orders takes amounts >= 1000 only
    const result = await replayWindow(
      '--pattern',
      '{"detail":{"data":{"amount":[10]}}}',
      '--channel',
      'high-value-orders',
      '--channel',
      'flow-recorder',
      '--json',
    );

    // Assert
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /skipping high-value-orders: no event can match both --pattern and its rule/,
    );
    expect(result.json<ReplayReport>().temporaryRules?.map((rule) => rule.channel)).toEqual([
      'flow-recorder',
    ]);
  });

  it('should exit 1 when --pattern excludes every event of the chosen subscriptions, creating nothing', async () => {
    // Act
    const result = await replayWindow(
      '--pattern',
      '{"detail":{"data":{"amount":[10]}}}',
      '--channel',
      'high-value-orders',
    );

    // Assert
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /no event can match both --pattern and the rule of high-value-orders \(an array field counts as one value\): nothing to replay[\s\S]*next: check --pattern/,
    );
    expect(await replayRulesOnBus()).toEqual([]);
  });

  it('should refuse a pattern that matches a field the rule matches with operators too', async () => {
    // Act
    const result = await replayWindow(
      '--pattern',
      '{"detail":{"data":{"amount":[{"anything-but":[5000]}]}}}',
      '--channel',
      'high-value-orders',
    );

    // Assert
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /cannot be combined with the rule of high-value-orders: both patterns match "detail\.data\.amount"[\s\S]*next: match "detail\.data\.amount" with exact values/,
    );
    expect(await replayRulesOnBus()).toEqual([]);
  });

  it('should remove temporary rules an interrupted replay left behind', async () => {
    // Arrange: a rule as a run stopped before its replay started leaves it, an hour ago
    const events = new EventBridgeClient(clientConfig(test.cloud));
    const busName = test.cloud.outputs.EventBusName;
    const leftover = `${replayRuleNamePrefix('flow-recorder')}0badc0de`;
    const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();
    await events.send(
      new PutRuleCommand({
        Name: leftover,
        EventBusName: busName,
        EventPattern: '{"replay-name":["interrupted"]}',
        Description: `replay interrupted; created ${anHourAgo}; removed when the replay ends`,
      }),
    );
    const [recorderRule] = (await events.send(new ListRulesCommand({ EventBusName: busName }))).Rules ?? [];
    const { Targets = [] } = await events.send(
      new ListTargetsByRuleCommand({ Rule: recorderRule?.Name ?? '', EventBusName: busName }),
    );
    await events.send(new PutTargetsCommand({ Rule: leftover, EventBusName: busName, Targets }));

    // Act
    const result = await replayWindow('--pattern', '{"source":["com.example.shop"]}');

    // Assert
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`removed 1 temporary rule(s) of earlier replays: ${leftover}`);
    expect(await replayRulesOnBus()).toEqual([]);
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
    expect((await replayWindow('--name', name)).code).toBe(0);

    // Act: replay names are unique
    const result = await replayWindow('--name', name);

    // Assert
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/EventBridge refused the replay[\s\S]*next: pick another --name/);
  });
});
