import {
  DescribeRuleCommand,
  type EventBridgeClient,
  ListRulesCommand,
  ListTargetsByRuleCommand,
} from '@aws-sdk/client-eventbridge';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { REPLAY_RULE_PREFIX } from '../infra/replay-rules';
import type { Channel } from './channels';
import { OperationError } from './errors';
import { queueArn } from './queue-attributes';

/** A rule's ARN from its name on the bus (ARNs are passed through). */
export async function ruleArn(events: EventBridgeClient, busName: string, rule: string): Promise<string> {
  if (rule.startsWith('arn:')) return rule;
  try {
    const { Arn } = await events.send(new DescribeRuleCommand({ Name: rule, EventBusName: busName }));
    if (Arn === undefined) throw new Error('DescribeRule returned no Arn');
    return Arn;
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') {
      throw new OperationError(
        `rule ${rule} does not exist on bus ${busName}`,
        `list the bus's rules with \`aws events list-rules --event-bus-name ${busName}\`, or use --channel <subscription>`,
      );
    }
    throw error;
  }
}

/** A rule on the bus, by name and ARN. */
export interface RuleRef {
  readonly name: string;
  readonly arn: string;
}

/**
 * The rules that feed a subscription: those with its buffer queue as a target. Rule names are
 * generated at deploy time, so they are found through the queue the stack outputs name.
 * Temporary replay rules (left by an interrupted `events replay --pattern`) are not counted.
 */
export async function subscriptionRules(
  events: EventBridgeClient,
  sqs: SQSClient,
  busName: string,
  channel: Channel,
): Promise<RuleRef[]> {
  const target = await queueArn(sqs, channel.queueUrl);
  const rules: RuleRef[] = [];
  let nextToken: string | undefined;
  do {
    const page = await events.send(new ListRulesCommand({ EventBusName: busName, NextToken: nextToken }));
    for (const rule of page.Rules ?? []) {
      if (rule.Name === undefined || rule.Arn === undefined || rule.Name.startsWith(REPLAY_RULE_PREFIX))
        continue;
      const { Targets = [] } = await events.send(
        new ListTargetsByRuleCommand({ Rule: rule.Name, EventBusName: busName }),
      );
      if (Targets.some((candidate) => candidate.Arn === target))
        rules.push({ name: rule.Name, arn: rule.Arn });
    }
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  if (rules.length === 0) {
    throw new OperationError(
      `no rule on bus ${busName} targets the queue of ${channel.name}`,
      'check that the stack is fully deployed (`npx cdk deploy`), or pass the rule with --rule <name>',
    );
  }
  return rules;
}
