import { DescribeReplayCommand } from '@aws-sdk/client-eventbridge';
import { compileEventPattern } from '../../local/eventbridge/pattern';
import type { OptionValues } from '../args';
import { channelsOf } from '../channels';
import { OperationError, UsageError } from '../errors';
import type { Progress } from '../output/progress';
import { type RuleRef, ruleArn, subscriptionRules } from '../replay-filter';
import {
  createReplayRules,
  MAX_PATTERN_REPLAY_NAME_LENGTH,
  planReplayRules,
  type ReplayRule,
  removeEndedReplayRules,
  type SourceRule,
} from '../replay-rules';
import type { CommandContext } from './command';

/*
 * Which rules an `events replay` delivers to: the --rule and --channel ones (FilterArns), or,
 * with --pattern, temporary rules that apply the pattern on top of each subscription's rule.
 */

/** --pattern must be a valid event pattern, combined with subscriptions only, under a name that fits rule names. */
export function checkPattern(options: OptionValues): void {
  if (options.rule !== undefined) {
    throw new UsageError(
      '--pattern cannot be combined with --rule',
      'narrow the pattern replay with --channel <subscription>, or leave --channel out to replay to every subscription',
    );
  }
  try {
    compileEventPattern(options.pattern ?? '');
  } catch (error) {
    throw new UsageError(
      `--pattern is not a valid event pattern: ${error instanceof Error ? error.message : String(error)}`,
      `pass a JSON event pattern, e.g. --pattern '{"detail-type":["order.placed"]}'`,
    );
  }
  if (options.name !== undefined && options.name.length > MAX_PATTERN_REPLAY_NAME_LENGTH) {
    throw new UsageError(
      `--name must be at most ${MAX_PATTERN_REPLAY_NAME_LENGTH} characters with --pattern, since it names the temporary rules (given ${options.name.length})`,
      'pick a shorter name, or leave --name out for a generated one',
    );
  }
}

/** The subscriptions --channel names (all of them when it is absent and `allByDefault`). */
async function subscriptionRulesOf(
  context: CommandContext,
  busName: string,
  allByDefault: boolean,
): Promise<SourceRule[]> {
  const { clients, target, options } = context;
  const channels = channelsOf(target);
  const subscriptions = channels.filter((candidate) => candidate.kind === 'subscription');
  const names = options.channel ?? (allByDefault ? subscriptions.map((c) => c.name) : []);
  const rules: SourceRule[] = [];
  for (const name of names) {
    const channel = channels.find((candidate) => candidate.name === name);
    if (channel === undefined || channel.kind !== 'subscription') {
      throw new UsageError(
        channel === undefined
          ? `unknown channel ${name}`
          : `${name} is fed by the API, not by the event bus, so it has nothing to replay`,
        `replay to a subscription: ${subscriptions.map((c) => c.name).join(', ')}`,
      );
    }
    const found = await subscriptionRules(clients.eventBridge, clients.sqs, busName, channel);
    rules.push(...found.map((rule: RuleRef) => ({ ...rule, channel: name })));
  }
  return rules;
}

export async function filterArns(context: CommandContext, busName: string): Promise<string[]> {
  const { clients, options } = context;
  const arns = await Promise.all(
    (options.rule ?? []).map((rule) => ruleArn(clients.eventBridge, busName, rule)),
  );
  arns.push(...(await subscriptionRulesOf(context, busName, false)).map((rule) => rule.arn));
  return [...new Set(arns)];
}

/** Temporary rules that apply --pattern on top of each subscription's rule; see replay-rules.ts. */
export async function patternRules(
  context: CommandContext,
  busName: string,
  pattern: string,
  replayName: string,
  progress: Progress,
): Promise<ReplayRule[]> {
  const { clients, target } = context;
  // PutRule overwrites: a replay of the same name must not have its rules taken over.
  const existing = await clients.eventBridge
    .send(new DescribeReplayCommand({ ReplayName: replayName }))
    .catch((error: unknown) => {
      if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
      throw error;
    });
  if (existing !== undefined) {
    throw new OperationError(
      `a replay named ${replayName} already exists (${existing.State ?? 'unknown state'})`,
      'pick another --name (replay names are unique per account and region)',
    );
  }
  const removed = await removeEndedReplayRules(
    clients.eventBridge,
    busName,
    target.replayRuleGraceMs,
    Date.now(),
  );
  if (removed.length > 0)
    progress.report(`removed ${removed.length} temporary rule(s) of earlier replays: ${removed.join(', ')}`);
  const sources = await subscriptionRulesOf(context, busName, true);
  const plan = await planReplayRules(clients.eventBridge, busName, sources, pattern, replayName);
  if (plan.rules.length === 0) {
    throw new OperationError(
      `no event can match both --pattern and the rule of ${plan.unreachable.join(', ')}: nothing to replay`,
      "check --pattern against the subscriptions' rules (`aws events describe-rule`), or replay without it",
    );
  }
  if (plan.unreachable.length > 0) {
    progress.report(
      `skipping ${plan.unreachable.join(', ')}: no event can match both --pattern and its rule`,
    );
  }
  return createReplayRules(clients.eventBridge, busName, replayName, plan);
}
