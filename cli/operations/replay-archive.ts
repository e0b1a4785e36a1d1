import { randomBytes } from 'node:crypto';
import {
  DescribeArchiveCommand,
  DescribeReplayCommand,
  type DescribeReplayCommandOutput,
  type EventBridgeClient,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import { errorMessage } from '../../common/error-summary';
import { requireOutput } from '../channels';
import { OperationError } from '../errors';
import { followUntilEnded, sleep } from './long-operation';
import type { OperationContext, OperationHooks } from './operation-context';
import { type ReplayRouting, replayRouting } from './replay-destination';
import { type ReplayParameters, replayWindow } from './replay-parameters';

/** How a replay ended: what `switchyard events replay --json` prints. */
export interface ReplayReport {
  readonly replayName: string;
  readonly replayArn: string;
  readonly archiveName: string;
  readonly from: string;
  readonly to: string;
  /** The rules the events were replayed to; empty means every rule of the bus. */
  readonly filterArns: readonly string[];
  /** COMPLETED, FAILED or CANCELLED. */
  readonly state: string;
  readonly stateReason?: string;
  /** With a pattern: the pattern (parsed). */
  readonly pattern?: unknown;
  /** With a pattern: the temporary rules the events went through, removed when the replay ended. */
  readonly temporaryRules?: ReadonlyArray<{
    readonly name: string;
    readonly channel: string;
    readonly eventPattern: unknown;
  }>;
}

/** A replay to start: its name, the archive and the bus it records, the window, the rules. */
interface ReplayStart {
  readonly replayName: string;
  readonly archive: { readonly arn: string; readonly busArn: string };
  readonly from: Date;
  readonly to: Date;
  readonly rules: readonly string[];
}

/**
 * Replays the stack's archived events of a window back onto its bus (EventBridge StartReplay)
 * and follows the replay until it ends, reporting each step and state through `onProgress`.
 * Resolves with any ending: the caller judges `state` (only COMPLETED replayed everything).
 * With a pattern, temporary rules are created first and removed once the replay has ended;
 * a failure to remove them is a warning (`onWarning`), as is one to tidy up earlier replays'.
 * @throws UsageError for bad parameters (before any call) or a pattern no rule can carry;
 * OperationError when EventBridge refuses the replay or the stack lacks its archive.
 */
export async function replayArchive(
  context: OperationContext,
  parameters: ReplayParameters,
  hooks: OperationHooks = {},
): Promise<ReplayReport> {
  const { from, to } = replayWindow(parameters, Date.now());
  const { target, clients } = context;
  const archiveName = requireOutput(target, 'EventArchiveName');
  const busName = requireOutput(target, 'EventBusName');
  const archive = await describeArchive(clients.eventBridge, archiveName);
  const replayName = parameters.name ?? generatedReplayName();
  const routing = await replayRouting(context, busName, replayName, parameters, hooks);
  const start: ReplayStart = { replayName, archive, from, to, rules: routing.rules };
  const replayArn = await startOnceRulesApply(context, start, routing, hooks).catch(
    async (error: unknown) => {
      await routing.removeTemporaryRules();
      throw error;
    },
  );
  hooks.onProgress?.(describeStart(start, archiveName, routing));
  // A failure while polling leaves the temporary rules in place: the replay goes on without us.
  const described = await followReplay(context, replayName, hooks);
  if (routing.temporaryRules.length > 0 && target.replayRuleGraceMs > 0) {
    hooks.onProgress?.(
      `waiting ${target.replayRuleGraceMs / 1000} s for deliveries in flight before removing the temporary rules`,
    );
    await sleep(target.replayRuleGraceMs, hooks.signal);
  }
  await routing.removeTemporaryRules();
  return reportOf(parameters, { ...start, archiveName, replayArn }, routing, described);
}

const generatedReplayName = (): string =>
  `switchyard-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`;

/** The archive's ARN and the bus it records, which is where a replay must go. */
async function describeArchive(
  eventBridge: EventBridgeClient,
  archiveName: string,
): Promise<{ readonly arn: string; readonly busArn: string }> {
  const archive = await eventBridge
    .send(new DescribeArchiveCommand({ ArchiveName: archiveName }))
    .catch((error: unknown) => {
      throw new OperationError(
        `cannot read archive ${archiveName}: ${errorMessage(error)}`,
        'check that the stack is fully deployed (`npx cdk deploy`) or restart the local cloud (`npm start`)',
      );
    });
  if (archive.ArchiveArn === undefined || archive.EventSourceArn === undefined) {
    throw new OperationError(
      `archive ${archiveName} has no ARN or source bus`,
      'check the archive in the console, then retry',
    );
  }
  return { arn: archive.ArchiveArn, busArn: archive.EventSourceArn };
}

/** Starts the replay once new temporary rules apply: events replayed before that would be missed. */
async function startOnceRulesApply(
  { target, clients }: OperationContext,
  start: ReplayStart,
  routing: ReplayRouting,
  hooks: OperationHooks,
): Promise<string | undefined> {
  if (routing.temporaryRules.length > 0 && target.replayRuleSettleMs > 0) {
    hooks.onProgress?.(
      `waiting ${target.replayRuleSettleMs / 1000} s for the temporary rules to take effect`,
    );
    await sleep(target.replayRuleSettleMs, hooks.signal);
  }
  hooks.signal?.throwIfAborted();
  return startReplay(clients.eventBridge, start);
}

/** Starts the replay into the archive's own bus; an EventBridge refusal says what to change. */
async function startReplay(eventBridge: EventBridgeClient, start: ReplayStart): Promise<string | undefined> {
  try {
    const started = await eventBridge.send(
      new StartReplayCommand({
        ReplayName: start.replayName,
        Description: 'Started by the switchyard operator CLI',
        EventSourceArn: start.archive.arn,
        EventStartTime: start.from,
        EventEndTime: start.to,
        // Replays go back to the archive's own bus: EventBridge allows no other destination.
        Destination: {
          Arn: start.archive.busArn,
          ...(start.rules.length > 0 && { FilterArns: [...start.rules] }),
        },
      }),
    );
    return started.ReplayArn;
  } catch (error) {
    throw new OperationError(
      `EventBridge refused the replay: ${errorMessage(error)}`,
      error instanceof Error && error.name === 'ResourceAlreadyExistsException'
        ? 'pick another --name (replay names are unique per account and region)'
        : 'check the window and the rules, then retry',
    );
  }
}

function describeStart(start: ReplayStart, archiveName: string, routing: ReplayRouting): string {
  const destination =
    routing.temporaryRules.length > 0
      ? ` matching --pattern, to ${routing.temporaryRules.map((rule) => rule.channel).join(', ')}`
      : routing.rules.length > 0
        ? ` to ${routing.rules.length} rule(s)`
        : ' to every rule of the bus';
  return `replay ${start.replayName}: events from ${start.from.toISOString()} to ${start.to.toISOString()} of ${archiveName}${destination}`;
}

/** Polls the replay until it is COMPLETED, FAILED or CANCELLED. */
function followReplay(
  { target, clients }: OperationContext,
  replayName: string,
  hooks: OperationHooks,
): Promise<DescribeReplayCommandOutput> {
  return followUntilEnded({
    observe: () => clients.eventBridge.send(new DescribeReplayCommand({ ReplayName: replayName })),
    stateOf: (observed) => observed.State ?? 'STARTING',
    describe: (observed) => {
      const lastReplayed = observed.EventLastReplayedTime?.toISOString();
      return `${observed.State ?? 'STARTING'}${lastReplayed ? `: last event replayed at ${lastReplayed}` : ''}`;
    },
    onProgress: hooks.onProgress,
    intervalMs: target.pollIntervalMs,
    signal: hooks.signal,
  });
}

function reportOf(
  { pattern }: ReplayParameters,
  replay: ReplayStart & { readonly archiveName: string; readonly replayArn: string | undefined },
  routing: ReplayRouting,
  described: DescribeReplayCommandOutput,
): ReplayReport {
  return {
    replayName: replay.replayName,
    replayArn: replay.replayArn ?? described.ReplayArn ?? '',
    archiveName: replay.archiveName,
    from: replay.from.toISOString(),
    to: replay.to.toISOString(),
    filterArns: routing.rules,
    state: described.State ?? 'STARTING',
    ...(described.StateReason !== undefined && { stateReason: described.StateReason }),
    ...(pattern !== undefined && {
      pattern: JSON.parse(pattern) as unknown,
      temporaryRules: routing.temporaryRules.map(({ name, channel, eventPattern }) => ({
        name,
        channel,
        eventPattern: JSON.parse(eventPattern) as unknown,
      })),
    }),
  };
}
