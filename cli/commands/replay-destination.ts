import { DescribeReplayCommand } from '@aws-sdk/client-eventbridge';
import { errorMessage } from '../../common/error-summary';
import { compileEventPattern } from '../../event-patterns';
import type { OptionValues } from '../args';
import { channelsOf } from '../channels';
import { OperationError, UsageError } from '../errors';
import { sleep } from '../operations/long-operation';
import type { Progress } from '../output/progress';
import { type RuleRef, ruleArn, subscriptionRules } from '../replay-filter';
import {
  createReplayRules,
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

/** --pattern must be a valid event pattern, and combines with subscriptions only. */
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
      `--pattern is not a valid event pattern: ${errorMessage(error)}`,
      `pass a JSON event pattern, e.g. --pattern '{"detail-type":["order.placed"]}'`,
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
  const { clients, target, io } = context;
  // Every channel is checked before anything on the bus changes.
  const sources = await subscriptionRulesOf(context, busName, true);
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
  const sweep = await removeEndedReplayRules(
    clients.eventBridge,
    busName,
    target.replayRuleGraceMs,
    Date.now(),
  );
  if (sweep.removed.length > 0) {
    progress.report(
      `removed ${sweep.removed.length} temporary rule(s) of earlier replays: ${sweep.removed.join(', ')}`,
    );
  }
  for (const problem of sweep.problems) {
    io.stderr(`warning: could not tidy up an earlier replay's rule (${problem}); carrying on\n`);
  }
  const plan = await planReplayRules(clients.eventBridge, busName, sources, pattern, replayName);
  if (plan.rules.length === 0) {
    throw new OperationError(
      `no event can match both --pattern and the rule of ${plan.unreachable.join(', ')} (an array field counts as one value): nothing to replay`,
      "check --pattern against the subscriptions' rules (`aws events describe-rule`), or replay without it",
    );
  }
  if (plan.unreachable.length > 0) {
    progress.report(
      `skipping ${plan.unreachable.join(', ')}: no event can match both --pattern and its rule`,
    );
  }
  const rules = await createReplayRules(clients.eventBridge, busName, replayName, plan, new Date());
  if (target.replayRuleSettleMs > 0) {
    // New rules and targets take a moment to apply; events replayed before that would be missed.
    progress.report(`waiting ${target.replayRuleSettleMs / 1000} s for the temporary rules to take effect`);
    await sleep(target.replayRuleSettleMs);
  }
  return rules;
}
