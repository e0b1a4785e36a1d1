import {
  DeleteRuleCommand,
  DescribeReplayCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { OperationError, UsageError } from '../../../cli/errors';
import {
  createReplayRules,
  planReplayRules,
  removeEndedReplayRules,
  removeReplayRules,
} from '../../../cli/replay-rules';
import { REPLAY_RULE_PREFIX } from '../../../infra/replay-rules';

const eventBridge = mockClient(EventBridgeClient);
const client = new EventBridgeClient({ region: 'eu-west-1' });
const BUS = 'bus';
const target = {
  Id: 'Target0',
  Arn: 'arn:aws:sqs:eu-west-1:123456789012:high-value',
  RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
  DeadLetterConfig: { Arn: 'arn:aws:sqs:eu-west-1:123456789012:high-value-dlq' },
};
const notFound = () => new ResourceNotFoundException({ message: 'not found', $metadata: {} });

beforeEach(() => {
  eventBridge.reset();
});

describe('planReplayRules', () => {
  const source = { name: 'HighValueRule', arn: 'arn:rule/bus/HighValueRule', channel: 'high-value-orders' };

  beforeEach(() => {
    eventBridge.on(DescribeRuleCommand).resolves({
      EventPattern: '{"detail-type":["order.placed"],"detail":{"data":{"amount":[{"numeric":[">=",1000]}]}}}',
    });
    eventBridge.on(ListTargetsByRuleCommand).resolves({ Targets: [target] });
  });

  it("should copy the rule's targets under a pattern that also requires --pattern and the replay's name", async () => {
    // Act
    const plan = await planReplayRules(client, BUS, [source], '{"source":["shop"]}', 'r1');

    // Assert
    expect(plan.unreachable).toEqual([]);
    expect(plan.rules).toEqual([
      {
        name: `${REPLAY_RULE_PREFIX}r1-1`,
        channel: 'high-value-orders',
        eventPattern: expect.any(String),
        targets: [target],
      },
    ]);
    expect(JSON.parse(plan.rules[0]?.eventPattern ?? '')).toEqual({
      'detail-type': ['order.placed'],
      detail: { data: { amount: [{ numeric: ['>=', 1000] }] } },
      source: ['shop'],
      'replay-name': ['r1'],
    });
  });

  it('should list a subscription no event of the pattern can reach instead of planning a rule', async () => {
    // Act
    const plan = await planReplayRules(client, BUS, [source], '{"detail":{"data":{"amount":[5]}}}', 'r1');

    // Assert
    expect(plan).toEqual({ rules: [], unreachable: ['high-value-orders'] });
  });

  it('should refuse a combined pattern longer than PutRule accepts', async () => {
    // Arrange
    const values = Array.from({ length: 400 }, (_, i) => `customer-${i}`);

    // Act
    const attempt = planReplayRules(client, BUS, [source], JSON.stringify({ source: values }), 'r1');

    // Assert
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.toThrow(/characters; EventBridge accepts 4096/);
  });
});

describe('createReplayRules', () => {
  const plan = {
    unreachable: [],
    rules: [1, 2].map((n) => ({
      name: `${REPLAY_RULE_PREFIX}r1-${n}`,
      channel: `channel-${n}`,
      eventPattern: '{"replay-name":["r1"]}',
      targets: [target],
    })),
  };

  it('should create every planned rule with its targets', async () => {
    // Arrange
    eventBridge
      .on(PutRuleCommand)
      .callsFake(({ Name }: { Name: string }) => ({ RuleArn: `arn:rule/${BUS}/${Name}` }));
    eventBridge.on(PutTargetsCommand).resolves({ FailedEntryCount: 0 });

    // Act
    const rules = await createReplayRules(client, BUS, 'r1', plan);

    // Assert
    expect(rules.map((rule) => rule.arn)).toEqual([
      `arn:rule/${BUS}/${REPLAY_RULE_PREFIX}r1-1`,
      `arn:rule/${BUS}/${REPLAY_RULE_PREFIX}r1-2`,
    ]);
    expect(eventBridge.commandCalls(PutRuleCommand)[0]?.args[0].input).toMatchObject({
      EventBusName: BUS,
      State: 'ENABLED',
      EventPattern: '{"replay-name":["r1"]}',
    });
    expect(eventBridge.commandCalls(PutTargetsCommand).map((call) => call.args[0].input.Targets)).toEqual([
      [target],
      [target],
    ]);
  });

  it('should remove the rules already made when EventBridge refuses a target, leaving nothing behind', async () => {
    // Arrange: the second rule's target is refused
    eventBridge
      .on(PutRuleCommand)
      .callsFake(({ Name }: { Name: string }) => ({ RuleArn: `arn:rule/${BUS}/${Name}` }));
    eventBridge
      .on(PutTargetsCommand)
      .resolvesOnce({ FailedEntryCount: 0 })
      .resolves({ FailedEntryCount: 1, FailedEntries: [{ TargetId: 'Target0', ErrorMessage: 'denied' }] });
    eventBridge.on(ListTargetsByRuleCommand).resolves({ Targets: [target] });

    // Act
    const attempt = createReplayRules(client, BUS, 'r1', plan);

    // Assert
    await expect(attempt).rejects.toThrow(OperationError);
    await expect(attempt).rejects.toThrow(/PutTargets refused 1 target\(s\): Target0: denied/);
    expect(eventBridge.commandCalls(DeleteRuleCommand).map((call) => call.args[0].input.Name)).toEqual(
      expect.arrayContaining([`${REPLAY_RULE_PREFIX}r1-1`, `${REPLAY_RULE_PREFIX}r1-2`]),
    );
  });
});

describe('removeReplayRules', () => {
  it('should remove the targets before the rule, and pass over a rule that is already gone', async () => {
    // Arrange
    eventBridge.on(ListTargetsByRuleCommand, { Rule: 'gone' }).rejects(notFound());
    eventBridge.on(ListTargetsByRuleCommand, { Rule: 'kept' }).resolves({ Targets: [target] });

    // Act
    await removeReplayRules(client, BUS, ['gone', 'kept']);

    // Assert
    expect(eventBridge.commandCalls(RemoveTargetsCommand).map((call) => call.args[0].input)).toEqual([
      { Rule: 'kept', EventBusName: BUS, Ids: ['Target0'] },
    ]);
    expect(eventBridge.commandCalls(DeleteRuleCommand).map((call) => call.args[0].input.Name)).toEqual([
      'kept',
    ]);
  });
});

describe('removeEndedReplayRules', () => {
  const now = Date.parse('2026-11-29T12:00:00Z');

  it('should remove rules of replays that ended before the grace period or no longer exist, and no others', async () => {
    // Arrange
    const rule = (replay: string) => ({ Name: `${REPLAY_RULE_PREFIX}${replay}-1` });
    eventBridge.on(ListRulesCommand).resolves({
      Rules: [rule('ended-long-ago'), rule('ended-just-now'), rule('running'), rule('deleted')],
    });
    eventBridge
      .on(DescribeReplayCommand, { ReplayName: 'ended-long-ago' })
      .resolves({ State: 'COMPLETED', ReplayEndTime: new Date(now - 120_000) });
    eventBridge
      .on(DescribeReplayCommand, { ReplayName: 'ended-just-now' })
      .resolves({ State: 'FAILED', ReplayEndTime: new Date(now - 10_000) });
    eventBridge.on(DescribeReplayCommand, { ReplayName: 'running' }).resolves({ State: 'RUNNING' });
    eventBridge.on(DescribeReplayCommand, { ReplayName: 'deleted' }).rejects(notFound());
    eventBridge.on(ListTargetsByRuleCommand).resolves({ Targets: [] });

    // Act
    const removed = await removeEndedReplayRules(client, BUS, 60_000, now);

    // Assert
    expect(removed).toEqual([`${REPLAY_RULE_PREFIX}ended-long-ago-1`, `${REPLAY_RULE_PREFIX}deleted-1`]);
    expect(eventBridge.commandCalls(ListRulesCommand)[0]?.args[0].input).toMatchObject({
      EventBusName: BUS,
      NamePrefix: REPLAY_RULE_PREFIX,
    });
  });
});
