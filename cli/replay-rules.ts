import { randomBytes } from 'node:crypto';
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
import { errorMessage } from '../common/error-summary';
import { intersectEventPatterns, PatternIntersectionError } from '../event-patterns';
import { REPLAY_RULE_PREFIX, replayRuleNamePrefix } from '../infra/replay-rules';
import { OperationError, UsageError } from './errors';
import { ENDED_STATES } from './operations/long-operation';
import type { RuleRef } from './replay-filter';

/*
 * A pattern-filtered replay. EventBridge narrows a replay only by the rules it delivers to
 * (Destination.FilterArns), so each subscription rule gets a temporary copy whose pattern is
 * the rule's own AND the operator's AND this replay's `replay-name`: live events and other
 * replays never match it, and the copy delivers to the same queue and dead-letter queue. The
 * stack lets each subscription's copies (infra/replay-rules.ts) deliver there.
 */

/** PutRule's limit on EventPattern. */
const MAX_PATTERN_LENGTH = 4096;

/**
 * How long the copies keep retrying a delivery: EventBridge's minimum, so that a delivery still
 * failing when the copies are removed has already gone to the dead-letter queue, not vanished.
 */
export const REPLAY_TARGET_MAX_EVENT_AGE_SECONDS = 60;

/** A rule without a replay this old is left from a run that never started its replay. */
const ORPHAN_AGE_MS = 15 * 60_000;

/** A subscription rule to copy, with the subscription it feeds. */
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

/** The description ties a rule to its replay and its age, which the rule API does not report. */
const description = (replayName: string, createdAt: Date): string =>
  `replay ${replayName}; created ${createdAt.toISOString()}; removed when the replay ends (switchyard events replay --pattern)`;

const DESCRIPTION = /^replay (\S+); created (\S+);/;

/**
 * Reads each source rule's pattern and targets and combines the patterns; nothing is created.
 * @throws UsageError when --pattern and a rule match one field in ways no single pattern can
 * require together, or a combined pattern is longer than EventBridge accepts.
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
      name: `${replayRuleNamePrefix(source.channel)}${randomBytes(4).toString('hex')}`,
      channel: source.channel,
      eventPattern: combined,
      targets: Targets.map(shortLived),
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

/** The subscription's target, retrying only as long as the copy is sure to exist. */
const shortLived = (target: RuleTarget): RuleTarget => ({
  ...target,
  RetryPolicy: {
    ...target.RetryPolicy,
    MaximumEventAgeInSeconds: Math.min(
      target.RetryPolicy?.MaximumEventAgeInSeconds ?? REPLAY_TARGET_MAX_EVENT_AGE_SECONDS,
      REPLAY_TARGET_MAX_EVENT_AGE_SECONDS,
    ),
  },
});

/**
 * Creates the planned rules. All or nothing: if one fails, those already made are removed.
 * @throws OperationError naming what EventBridge refused.
 */
export async function createReplayRules(
  events: EventBridgeClient,
  busName: string,
  replayName: string,
  plan: ReplayRulePlan,
  now: Date,
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
          Description: description(replayName, now),
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
    // The copies match only this replay, which has not started: leftovers are harmless.
    await removeReplayRules(
      events,
      busName,
      created.map((rule) => rule.name),
    ).catch(() => undefined);
    const message = errorMessage(error);
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

/** What a sweep of earlier replays' rules did. */
export interface ReplayRuleSweep {
  readonly removed: readonly string[];
  /** Rules that could not be checked or removed, and why; the sweep goes on past them. */
  readonly problems: readonly string[];
}

/**
 * Removes the temporary rules of earlier replays: those whose replay ended at least `graceMs`
 * ago, and those whose replay was never started (older than 15 minutes, so a run that is just
 * creating its rules keeps them). A CLI stopped with Ctrl-C leaves its rules behind, since its
 * replay goes on. Best effort: a rule that cannot be handled is reported, not fatal.
 */
export async function removeEndedReplayRules(
  events: EventBridgeClient,
  busName: string,
  graceMs: number,
  now: number,
): Promise<ReplayRuleSweep> {
  const removed: string[] = [];
  const problems: string[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const page = await events.send(
        new ListRulesCommand({ EventBusName: busName, NamePrefix: REPLAY_RULE_PREFIX, NextToken: nextToken }),
      );
      for (const rule of page.Rules ?? []) {
        const [, replayName, createdAt] = DESCRIPTION.exec(rule.Description ?? '') ?? [];
        if (rule.Name === undefined || replayName === undefined) continue;
        try {
          if (await hasEnded(events, replayName, Date.parse(createdAt ?? ''), graceMs, now)) {
            await removeReplayRules(events, busName, [rule.Name]);
            removed.push(rule.Name);
          }
        } catch (error) {
          problems.push(`${rule.Name}: ${errorMessage(error)}`);
        }
      }
      nextToken = page.NextToken;
    } while (nextToken !== undefined);
  } catch (error) {
    problems.push(`listing the rules: ${errorMessage(error)}`);
  }
  return { removed, problems };
}

async function hasEnded(
  events: EventBridgeClient,
  replayName: string,
  createdAt: number,
  graceMs: number,
  now: number,
): Promise<boolean> {
  try {
    const replay = await events.send(new DescribeReplayCommand({ ReplayName: replayName }));
    const endedAt = replay.ReplayEndTime?.getTime() ?? 0;
    return ENDED_STATES.has(replay.State ?? '') && now - endedAt >= graceMs;
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ResourceNotFoundException')) throw error;
    return !(now - createdAt < ORPHAN_AGE_MS);
  }
}
