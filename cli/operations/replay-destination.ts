import { DescribeReplayCommand } from '@aws-sdk/client-eventbridge';
import { errorMessage } from '../../common/error-summary';
import { channelsOf } from '../channels';
import { OperationError, UsageError } from '../errors';
import { type RuleRef, ruleArn, subscriptionRules } from '../replay-filter';
import {
  createReplayRules,
  planReplayRules,
  type ReplayRule,
  removeEndedReplayRules,
  removeReplayRules,
  type SourceRule,
} from '../replay-rules';
import type { OperationContext, OperationHooks } from './operation-context';
import { nonEmpty, type ReplayParameters } from './replay-parameters';

/*
 * Which rules a replay delivers to: the `rules` and `channels` ones (FilterArns), or, with a
 * pattern, temporary rules that apply the pattern on top of each subscription's rule.
 */

/** The rules a replay goes through, and how to remove the temporary ones afterwards. */
export interface ReplayRouting {
  /** FilterArns of the replay; empty means every rule of the bus. */
  readonly rules: readonly string[];
  /** With a pattern: the copies of the subscriptions' rules that apply it. */
  readonly temporaryRules: readonly ReplayRule[];
  /** Removes the temporary rules; a failure is a warning, since they match only this replay. */
  removeTemporaryRules(): Promise<void>;
}

/**
 * The rules the replayed events go through: with a pattern, temporary copies of the matching
 * subscriptions' rules narrowed by it (removed afterwards, best effort: they match only this
 * replay's events, so one left behind is harmless); else the bus's rules.
 */
export async function replayRouting(
  context: OperationContext,
  busName: string,
  replayName: string,
  parameters: ReplayParameters,
  hooks: OperationHooks,
): Promise<ReplayRouting> {
  const { pattern } = parameters;
  const temporaryRules =
    pattern === undefined
      ? []
      : await patternRules(context, busName, { pattern, replayName, channels: parameters.channels }, hooks);
  const rules =
    pattern === undefined
      ? await filterArns(context, busName, parameters)
      : temporaryRules.map((rule) => rule.arn);
  const removeTemporaryRules = async (): Promise<void> => {
    if (temporaryRules.length === 0) return;
    const names = temporaryRules.map((rule) => rule.name);
    try {
      await removeReplayRules(context.clients.eventBridge, busName, names);
    } catch (error) {
      hooks.onWarning?.(
        `could not remove the temporary replay rules ${names.join(', ')} (${errorMessage(error)}); ` +
          'they match only this replay, and the next `switchyard events replay --pattern` removes them',
      );
    }
  };
  return { rules, temporaryRules, removeTemporaryRules };
}

/** The subscriptions `channels` names (all of them when there are none and `allByDefault`). */
async function subscriptionRulesOf(
  { clients, target }: OperationContext,
  busName: string,
  channelNames: readonly string[] | undefined,
  allByDefault: boolean,
): Promise<SourceRule[]> {
  const channels = channelsOf(target);
  const subscriptions = channels.filter((candidate) => candidate.kind === 'subscription');
  const names = nonEmpty(channelNames) ?? (allByDefault ? subscriptions.map((c) => c.name) : []);
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

/** The ARNs of `rules` and of the rules feeding `channels`, each once. */
async function filterArns(
  context: OperationContext,
  busName: string,
  { rules, channels }: Pick<ReplayParameters, 'rules' | 'channels'>,
): Promise<string[]> {
  const arns = await Promise.all(
    (rules ?? []).map((rule) => ruleArn(context.clients.eventBridge, busName, rule)),
  );
  arns.push(...(await subscriptionRulesOf(context, busName, channels, false)).map((rule) => rule.arn));
  return [...new Set(arns)];
}

/** Temporary rules that apply the pattern on top of each subscription's rule; see replay-rules.ts. */
async function patternRules(
  context: OperationContext,
  busName: string,
  replay: { readonly pattern: string; readonly replayName: string; readonly channels?: readonly string[] },
  hooks: OperationHooks,
): Promise<ReplayRule[]> {
  const { clients, target } = context;
  // Every channel is checked before anything on the bus changes.
  const sources = await subscriptionRulesOf(context, busName, replay.channels, true);
  await refuseExistingReplay(context, replay.replayName);
  const sweep = await removeEndedReplayRules(
    clients.eventBridge,
    busName,
    target.replayRuleGraceMs,
    Date.now(),
  );
  if (sweep.removed.length > 0) {
    hooks.onProgress?.(
      `removed ${sweep.removed.length} temporary rule(s) of earlier replays: ${sweep.removed.join(', ')}`,
    );
  }
  for (const problem of sweep.problems) {
    hooks.onWarning?.(`could not tidy up an earlier replay's rule (${problem}); carrying on`);
  }
  const plan = await planReplayRules(
    clients.eventBridge,
    busName,
    sources,
    replay.pattern,
    replay.replayName,
  );
  if (plan.rules.length === 0) {
    throw new OperationError(
      `no event can match both --pattern and the rule of ${plan.unreachable.join(', ')} (an array field counts as one value): nothing to replay`,
      "check --pattern against the subscriptions' rules (`aws events describe-rule`), or replay without it",
    );
  }
  if (plan.unreachable.length > 0) {
    hooks.onProgress?.(
      `skipping ${plan.unreachable.join(', ')}: no event can match both --pattern and its rule`,
    );
  }
  hooks.signal?.throwIfAborted();
  return createReplayRules(clients.eventBridge, busName, replay.replayName, plan, new Date());
}

/** StartReplay refuses a name in use only after the temporary rules were made: it is checked first. */
async function refuseExistingReplay({ clients }: OperationContext, replayName: string): Promise<void> {
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
}
