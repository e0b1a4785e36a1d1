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
        name: expect.stringMatching(/^switchyard-replay-high-value-orders\.[0-9a-f]{8}$/),
        channel: 'high-value-orders',
        eventPattern: expect.any(String),
        // Retried only while the copy is sure to exist, then dead-lettered as before.
        targets: [{ ...target, RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 60 } }],
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
    const rules = await createReplayRules(client, BUS, 'r1', plan, new Date('2026-11-29T12:00:00Z'));

    // Assert
    expect(rules.map((rule) => rule.arn)).toEqual([
      `arn:rule/${BUS}/${REPLAY_RULE_PREFIX}r1-1`,
      `arn:rule/${BUS}/${REPLAY_RULE_PREFIX}r1-2`,
    ]);
    expect(eventBridge.commandCalls(PutRuleCommand)[0]?.args[0].input).toMatchObject({
      EventBusName: BUS,
      State: 'ENABLED',
      EventPattern: '{"replay-name":["r1"]}',
      Description: expect.stringMatching(/^replay r1; created 2026-11-29T12:00:00\.000Z;/),
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
    const attempt = createReplayRules(client, BUS, 'r1', plan, new Date());

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
  const rule = (replay: string, createdMsAgo = 3_600_000) => ({
    Name: `${REPLAY_RULE_PREFIX}flow-recorder.${replay}`,
    Description: `replay ${replay}; created ${new Date(now - createdMsAgo).toISOString()}; removed when the replay ends`,
  });

  it('should remove rules of replays that ended before the grace period or never started, and no others', async () => {
    // Arrange
    eventBridge.on(ListRulesCommand).resolves({
      Rules: [
        rule('ended-long-ago'),
        rule('ended-just-now'),
        rule('running'),
        rule('never-started'),
        rule('starting-now', 5_000),
        { Name: `${REPLAY_RULE_PREFIX}someone-elses`, Description: 'not made by the CLI' },
      ],
    });
    eventBridge
      .on(DescribeReplayCommand, { ReplayName: 'ended-long-ago' })
      .resolves({ State: 'COMPLETED', ReplayEndTime: new Date(now - 120_000) });
    eventBridge
      .on(DescribeReplayCommand, { ReplayName: 'ended-just-now' })
      .resolves({ State: 'FAILED', ReplayEndTime: new Date(now - 10_000) });
    eventBridge.on(DescribeReplayCommand, { ReplayName: 'running' }).resolves({ State: 'RUNNING' });
    eventBridge.on(DescribeReplayCommand, { ReplayName: 'never-started' }).rejects(notFound());
    eventBridge.on(DescribeReplayCommand, { ReplayName: 'starting-now' }).rejects(notFound());
    eventBridge.on(ListTargetsByRuleCommand).resolves({ Targets: [] });

    // Act
    const sweep = await removeEndedReplayRules(client, BUS, 60_000, now);

    // Assert
    expect(sweep).toEqual({
      removed: [rule('ended-long-ago').Name, rule('never-started').Name],
      problems: [],
    });
    expect(eventBridge.commandCalls(ListRulesCommand)[0]?.args[0].input).toMatchObject({
      EventBusName: BUS,
      NamePrefix: REPLAY_RULE_PREFIX,
    });
  });

  it('should report a rule it cannot check and go on with the others', async () => {
    // Arrange
    eventBridge.on(ListRulesCommand).resolves({ Rules: [rule('denied'), rule('gone')] });
    eventBridge.on(DescribeReplayCommand, { ReplayName: 'denied' }).rejects(
      Object.assign(new Error('not authorized to perform events:DescribeReplay'), {
        name: 'AccessDeniedException',
      }),
    );
    eventBridge.on(DescribeReplayCommand, { ReplayName: 'gone' }).rejects(notFound());
    eventBridge.on(ListTargetsByRuleCommand).resolves({ Targets: [] });

    // Act
    const sweep = await removeEndedReplayRules(client, BUS, 0, now);

    // Assert
    expect(sweep).toEqual({
      removed: [rule('gone').Name],
      problems: [`${rule('denied').Name}: not authorized to perform events:DescribeReplay`],
    });
  });
});
