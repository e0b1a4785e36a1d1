import {
  DeleteRuleCommand,
  DescribeReplayCommand,
  DescribeRuleCommand,
  type EventBridgeClient,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  type Target as RuleTarget,
} from '@aws-sdk/client-eventbridge';
import { MAX_RULE_NAME_LENGTH, REPLAY_RULE_PREFIX } from '../infra/replay-rules';
import { intersectEventPatterns, PatternIntersectionError } from '../local/eventbridge/pattern';
import { OperationError, UsageError } from './errors';
import type { RuleRef } from './replay-filter';

/*
 * A pattern-filtered replay. EventBridge narrows a replay only by the rules it delivers to
 * (Destination.FilterArns), so each subscription rule gets a temporary copy whose pattern is
 * the rule's own AND the operator's AND this replay's `replay-name`: live events and other
 * replays never match it, and the copy delivers to the same queue with the same retry policy
 * and dead-letter queue. The stack lets rules with REPLAY_RULE_PREFIX deliver there.
 */

/** PutRule's limit on EventPattern. */
const MAX_PATTERN_LENGTH = 4096;

/** Longest replay name that still leaves room for `<prefix><replay>-<n>` in a rule name. */
export const MAX_PATTERN_REPLAY_NAME_LENGTH = MAX_RULE_NAME_LENGTH - REPLAY_RULE_PREFIX.length - 3;

/** A subscription rule to copy, with the subscription it feeds (for messages). */
export interface SourceRule extends RuleRef {
  readonly channel: string;
}

/** A temporary rule that was created, and what it copies. */
export interface ReplayRule {
  readonly name: string;
  readonly arn: string;
  readonly channel: string;
  readonly eventPattern: string;
}

/** The copies to create, and the subscriptions that no event of the pattern can reach. */
export interface ReplayRulePlan {
  readonly rules: ReadonlyArray<Omit<ReplayRule, 'arn'> & { readonly targets: RuleTarget[] }>;
  readonly unreachable: readonly string[];
}

const replayRuleName = (replayName: string, index: number) => `${REPLAY_RULE_PREFIX}${replayName}-${index}`;

/** The replay a temporary rule belongs to, or undefined for a name this CLI did not make. */
const replayNameOf = (ruleName: string): string | undefined =>
  /^(.+)-\d+$/.exec(ruleName.slice(REPLAY_RULE_PREFIX.length))?.[1];

/**
 * Reads each source rule's pattern and targets and combines the patterns; nothing is created.
 * @throws UsageError when --pattern and a rule both match one field with operators, or a
 * combined pattern is longer than EventBridge accepts.
 */
export async function planReplayRules(
  events: EventBridgeClient,
  busName: string,
  sources: readonly SourceRule[],
  pattern: string,
  replayName: string,
): Promise<ReplayRulePlan> {
  const onlyThisReplay = JSON.stringify({ 'replay-name': [replayName] });
  const rules: ReplayRulePlan['rules'][number][] = [];
  const unreachable: string[] = [];
  for (const source of sources) {
    const [{ EventPattern }, { Targets = [] }] = await Promise.all([
      events.send(new DescribeRuleCommand({ Name: source.name, EventBusName: busName })),
      events.send(new ListTargetsByRuleCommand({ Rule: source.name, EventBusName: busName })),
    ]);
    if (EventPattern === undefined) {
      throw new OperationError(
        `rule ${source.name} of ${source.channel} has no event pattern`,
        'replay it without --pattern, or check the rule in the console',
      );
    }
    const combined = combine(source, EventPattern, pattern, onlyThisReplay);
    if (combined === undefined) {
      unreachable.push(source.channel);
      continue;
    }
    rules.push({
      name: replayRuleName(replayName, rules.length + 1),
      channel: source.channel,
      eventPattern: combined,
      targets: Targets,
    });
  }
  return { rules, unreachable };
}

function combine(
  source: SourceRule,
  rulePattern: string,
  pattern: string,
  onlyThisReplay: string,
): string | undefined {
  let combined: string | undefined;
  try {
    const narrowed = intersectEventPatterns(rulePattern, pattern);
    combined = narrowed === undefined ? undefined : intersectEventPatterns(narrowed, onlyThisReplay);
  } catch (error) {
    if (!(error instanceof PatternIntersectionError)) throw error;
    throw new UsageError(
      `--pattern cannot be combined with the rule of ${source.channel}: ${error.message}`,
      `match "${error.path}" with exact values in --pattern, or leave it out and narrow by other fields`,
    );
  }
  if (combined !== undefined && combined.length > MAX_PATTERN_LENGTH) {
    throw new UsageError(
      `--pattern combined with the rule of ${source.channel} is ${combined.length} characters; EventBridge accepts ${MAX_PATTERN_LENGTH}`,
      'shorten --pattern (fewer values or $or alternatives), or replay per subscription with --channel',
    );
  }
  return combined;
}

/**
 * Creates the planned rules. All or nothing: if one fails, those already made are removed.
 * @throws OperationError naming the rule EventBridge refused.
 */
export async function createReplayRules(
  events: EventBridgeClient,
  busName: string,
  replayName: string,
  plan: ReplayRulePlan,
): Promise<ReplayRule[]> {
  const created: ReplayRule[] = [];
  try {
    for (const rule of plan.rules) {
      const { RuleArn } = await events.send(
        new PutRuleCommand({
          Name: rule.name,
          EventBusName: busName,
          EventPattern: rule.eventPattern,
          State: 'ENABLED',
          Description: `Temporary: replay ${replayName} to ${rule.channel} (switchyard events replay --pattern); removed when the replay ends`,
        }),
      );
      if (RuleArn === undefined) throw new Error('PutRule returned no RuleArn');
      created.push({ name: rule.name, arn: RuleArn, channel: rule.channel, eventPattern: rule.eventPattern });
      const { FailedEntryCount = 0, FailedEntries = [] } = await events.send(
        new PutTargetsCommand({ Rule: rule.name, EventBusName: busName, Targets: rule.targets }),
      );
      if (FailedEntryCount > 0) {
        const reasons = FailedEntries.map((entry) => `${entry.TargetId}: ${entry.ErrorMessage}`).join('; ');
        throw new Error(`PutTargets refused ${FailedEntryCount} target(s): ${reasons}`);
      }
    }
    return created;
  } catch (error) {
    await removeReplayRules(
      events,
      busName,
      created.map((rule) => rule.name),
    ).catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    throw new OperationError(
      `cannot create the temporary replay rules: ${message}`,
      `check that your credentials allow events:PutRule, events:PutTargets, events:RemoveTargets and events:DeleteRule on rules named ${REPLAY_RULE_PREFIX}* of bus ${busName}`,
    );
  }
}

/** Removes temporary rules with their targets (EventBridge refuses to delete a rule that has any). */
export async function removeReplayRules(
  events: EventBridgeClient,
  busName: string,
  ruleNames: readonly string[],
): Promise<void> {
  for (const name of ruleNames) {
    try {
      const { Targets = [] } = await events.send(
        new ListTargetsByRuleCommand({ Rule: name, EventBusName: busName }),
      );
      const ids = Targets.flatMap((target) => (target.Id === undefined ? [] : [target.Id]));
      if (ids.length > 0) {
        await events.send(new RemoveTargetsCommand({ Rule: name, EventBusName: busName, Ids: ids }));
      }
      await events.send(new DeleteRuleCommand({ Name: name, EventBusName: busName }));
    } catch (error) {
      if (error instanceof Error && error.name === 'ResourceNotFoundException') continue;
      throw error;
    }
  }
}

/** The states a replay does not leave. */
export const REPLAY_FINAL_STATES: ReadonlySet<string> = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

/**
 * Removes temporary rules of earlier replays that ended at least `graceMs` ago (a CLI stopped
 * with Ctrl-C leaves its rules behind, since its replay goes on). Returns the names removed.
 */
export async function removeEndedReplayRules(
  events: EventBridgeClient,
  busName: string,
  graceMs: number,
  now: number,
): Promise<string[]> {
  const ended: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await events.send(
      new ListRulesCommand({ EventBusName: busName, NamePrefix: REPLAY_RULE_PREFIX, NextToken: nextToken }),
    );
    for (const rule of page.Rules ?? []) {
      const replayName = rule.Name === undefined ? undefined : replayNameOf(rule.Name);
      if (rule.Name === undefined || replayName === undefined) continue;
      const replay = await events
        .send(new DescribeReplayCommand({ ReplayName: replayName }))
        .catch((error: unknown) => {
          if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
          throw error;
        });
      const endedAt = replay?.ReplayEndTime?.getTime() ?? 0;
      if (replay === undefined || (REPLAY_FINAL_STATES.has(replay.State ?? '') && now - endedAt >= graceMs))
        ended.push(rule.Name);
    }
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  await removeReplayRules(events, busName, ended);
  return ended;
}
