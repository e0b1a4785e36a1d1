import {
  DeleteRuleCommand,
  DescribeArchiveCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-eventbridge';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { REPLAY_RULE_PREFIX } from '../../../../../infra/replay-rules';

// Jest loads this module once per test file, so each file that replays gets mocks of its own.
export const eventBridge = mockClient(EventBridgeClient);
export const sqs = mockClient(SQSClient);

export const FLOW_RECORDER_QUEUE_ARN = 'arn:aws:sqs:eu-west-1:123456789012:flow-recorder';
export const FLOW_RULE_ARN = 'arn:aws:events:eu-west-1:123456789012:rule/bus/FlowRule';
export const BUS_ARN = 'arn:aws:events:eu-west-1:123456789012:event-bus/bus';

/** What EventBridge answers for a replay or rule that does not exist. */
export const notFound = () => new ResourceNotFoundException({ message: 'not found', $metadata: {} });

/** The names of the temporary rules the replay created, in order. */
export const temporaryRuleNames = () =>
  eventBridge.commandCalls(PutRuleCommand).map((call) => call.args[0].input.Name ?? '');

/** The names of the rules the replay deleted, in order. */
export const deletedRuleNames = () =>
  eventBridge.commandCalls(DeleteRuleCommand).map((call) => call.args[0].input.Name);

/**
 * Resets the mocks to the test stack as a replay finds it: the archive records the bus, whose one
 * rule, FlowRule (`flowRulePattern`), feeds the flow-recorder subscription; no earlier replay left
 * rules behind; new rules and their targets are accepted. How the replay itself goes (StartReplay,
 * DescribeReplay) is for each test file to say.
 */
export function stubReplayableStack(flowRulePattern = '{"source":["com.example.shop"]}'): void {
  eventBridge.reset();
  sqs.reset();
  sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { QueueArn: FLOW_RECORDER_QUEUE_ARN } });
  eventBridge.on(DescribeArchiveCommand).resolves({
    ArchiveArn: 'arn:aws:events:eu-west-1:123456789012:archive/archive',
    EventSourceArn: BUS_ARN,
  });
  eventBridge.on(ListRulesCommand).resolves({ Rules: [{ Name: 'FlowRule', Arn: FLOW_RULE_ARN }] });
  eventBridge.on(ListRulesCommand, { NamePrefix: REPLAY_RULE_PREFIX }).resolves({ Rules: [] });
  eventBridge
    .on(ListTargetsByRuleCommand)
    .resolves({ Targets: [{ Id: 'Target0', Arn: FLOW_RECORDER_QUEUE_ARN }] });
  eventBridge.on(DescribeRuleCommand).resolves({ EventPattern: flowRulePattern });
  eventBridge.on(PutRuleCommand).callsFake(({ Name }: { Name: string }) => ({
    RuleArn: `arn:aws:events:eu-west-1:123456789012:rule/bus/${Name}`,
  }));
  eventBridge.on(PutTargetsCommand).resolves({ FailedEntryCount: 0 });
}
