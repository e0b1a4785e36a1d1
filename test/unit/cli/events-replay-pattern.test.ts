import {
  DeleteRuleCommand,
  DescribeArchiveCommand,
  DescribeReplayCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  ResourceNotFoundException,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import type { CommandContext } from '../../../cli/commands/command';
import { eventsReplay } from '../../../cli/commands/events-replay';
import { OperationError } from '../../../cli/errors';
import type { ReplayReport } from '../../../cli/operations';
import { Clients } from '../../../cli/target/clients';
import type { Target } from '../../../cli/target/target';
import { REPLAY_RULE_PREFIX } from '../../../infra/replay-rules';

const eventBridge = mockClient(EventBridgeClient);
const sqs = mockClient(SQSClient);
const QUEUE_ARN = 'arn:aws:sqs:eu-west-1:123456789012:flow-recorder';
const queueTarget = { Id: 'Target0', Arn: QUEUE_ARN };

const target: Target = {
  mode: 'aws',
  stackName: 'Switchyard',
  region: 'eu-west-1',
  outputs: {
    EventArchiveName: 'archive',
    EventBusName: 'bus',
    FlowRecorderQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/flow-recorder',
    FlowRecorderDeadLetterQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/flow-recorder-dlq',
  },
  clientSettings: { region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } },
  pollIntervalMs: 0,
  replayRuleSettleMs: 0,
  replayRuleGraceMs: 0,
  description: 'stack Switchyard in eu-west-1',
};

/** Runs `events replay --pattern` against the mocked clients, capturing what an operator sees. */
function replayWithPattern(on: Target = target): {
  result: Promise<number>;
  stdout: () => string;
  stderr: () => string;
} {
  let stdout = '';
  let stderr = '';
  const context: CommandContext = {
    io: { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd: '.' },
    target: on,
    clients: new Clients(on.clientSettings),
    args: [],
    options: { from: 'now-1h', pattern: '{"source":["shop"]}', json: true },
    json: true,
  };
  return { result: eventsReplay.run(context), stdout: () => stdout, stderr: () => stderr };
}

const temporaryRuleNames = () =>
  eventBridge.commandCalls(PutRuleCommand).map((call) => call.args[0].input.Name ?? '');

beforeEach(() => {
  eventBridge.reset();
  sqs.reset();
  sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { QueueArn: QUEUE_ARN } });
  eventBridge.on(DescribeArchiveCommand).resolves({
    ArchiveArn: 'arn:aws:events:eu-west-1:123456789012:archive/archive',
    EventSourceArn: 'arn:aws:events:eu-west-1:123456789012:event-bus/bus',
  });
  eventBridge.on(ListRulesCommand).resolves({ Rules: [{ Name: 'FlowRule', Arn: 'arn:rule/bus/FlowRule' }] });
  eventBridge.on(ListRulesCommand, { NamePrefix: REPLAY_RULE_PREFIX }).resolves({ Rules: [] });
  eventBridge.on(ListTargetsByRuleCommand).resolves({ Targets: [queueTarget] });
  eventBridge.on(DescribeRuleCommand).resolves({ EventPattern: '{"account":["123456789012"]}' });
  eventBridge
    .on(DescribeReplayCommand)
    .rejectsOnce(new ResourceNotFoundException({ message: 'none', $metadata: {} }));
  eventBridge.on(PutRuleCommand).callsFake(({ Name }: { Name: string }) => ({
    RuleArn: `arn:aws:events:eu-west-1:123456789012:rule/bus/${Name}`,
  }));
  eventBridge.on(PutTargetsCommand).resolves({ FailedEntryCount: 0 });
});

describe('events replay --pattern, when things go wrong', () => {
  it('should remove its rules and report the refusal when EventBridge refuses the replay', async () => {
    // Arrange
    eventBridge
      .on(StartReplayCommand)
      .rejects(
        Object.assign(new Error('Parameter EventStartTime is not valid.'), { name: 'ValidationException' }),
      );

    // Act
    const run = replayWithPattern();

    // Assert
    await expect(run.result).rejects.toThrow(OperationError);
    await expect(run.result).rejects.toThrow(
      'EventBridge refused the replay: Parameter EventStartTime is not valid.',
    );
    expect(temporaryRuleNames()).toEqual([
      expect.stringMatching(/^switchyard-replay-flow-recorder\.[0-9a-f]{8}$/),
    ]);
    expect(eventBridge.commandCalls(DeleteRuleCommand).map((call) => call.args[0].input.Name)).toEqual(
      temporaryRuleNames(),
    );
  });

  it('should keep the refusal, with a warning, when its rules cannot be removed either', async () => {
    // Arrange
    eventBridge
      .on(StartReplayCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    eventBridge
      .on(RemoveTargetsCommand)
      .rejects(Object.assign(new Error('Access denied'), { name: 'AccessDeniedException' }));

    // Act
    const run = replayWithPattern();

    // Assert
    await expect(run.result).rejects.toThrow('EventBridge refused the replay: Rate exceeded');
    expect(run.stderr()).toMatch(
      /warning: could not remove the temporary replay rules switchyard-replay-flow-recorder\.[0-9a-f]{8} \(Access denied\); they match only this replay/,
    );
  });

  it('should still report a completed replay when its rules cannot be removed afterwards', async () => {
    // Arrange
    eventBridge.on(StartReplayCommand).resolves({ ReplayArn: 'arn:replay' });
    eventBridge
      .on(DescribeReplayCommand)
      .rejectsOnce(new ResourceNotFoundException({ message: 'none', $metadata: {} }))
      .resolves({ State: 'COMPLETED' });
    eventBridge
      .on(DeleteRuleCommand)
      .rejects(Object.assign(new Error('Access denied'), { name: 'AccessDeniedException' }));

    // Act
    const run = replayWithPattern();
    const code = await run.result;

    // Assert
    expect(code).toBe(0);
    expect(JSON.parse(run.stdout()) as ReplayReport).toMatchObject({
      state: 'COMPLETED',
      pattern: { source: ['shop'] },
    });
    expect(run.stderr()).toMatch(/warning: could not remove the temporary replay rules/);
  });

  it('should give new rules time to take effect before the replay, and deliveries time to land before removing them', async () => {
    // Arrange: AWS-like waits, shortened
    eventBridge.on(StartReplayCommand).resolves({ ReplayArn: 'arn:replay' });
    eventBridge
      .on(DescribeReplayCommand)
      .rejectsOnce(new ResourceNotFoundException({ message: 'none', $metadata: {} }))
      .resolves({ State: 'COMPLETED' });

    // Act
    const startedAt = Date.now();
    const run = replayWithPattern({ ...target, replayRuleSettleMs: 20, replayRuleGraceMs: 30 });
    const code = await run.result;
    const elapsedMs = Date.now() - startedAt;

    // Assert: each wait is announced, and comes between the calls it separates
    expect(code).toBe(0);
    expect(elapsedMs).toBeGreaterThanOrEqual(50);
    const stderr = run.stderr();
    const settle = stderr.indexOf('waiting 0.02 s for the temporary rules to take effect');
    const grace = stderr.indexOf(
      'waiting 0.03 s for deliveries in flight before removing the temporary rules',
    );
    expect(settle).toBeGreaterThanOrEqual(0);
    expect(grace).toBeGreaterThan(settle);
    const order = eventBridge.calls().map((call) => (call.args[0] as object).constructor.name);
    expect(order.indexOf('StartReplayCommand')).toBeGreaterThan(order.lastIndexOf('PutTargetsCommand'));
    expect(order.indexOf('DeleteRuleCommand')).toBeGreaterThan(order.lastIndexOf('DescribeReplayCommand'));
  });
});
