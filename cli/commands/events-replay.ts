import { randomBytes } from 'node:crypto';
import {
  DescribeArchiveCommand,
  DescribeReplayCommand,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import { errorMessage } from '../../common/error-summary';
import type { OptionValues } from '../args';
import { requireOutput } from '../channels';
import { ExitCode, OperationError, UsageError } from '../errors';
import { followUntilEnded, sleep } from '../operations/long-operation';
import { toJson } from '../output/format';
import { Progress } from '../output/progress';
import { removeReplayRules } from '../replay-rules';
import { parseTimeOption } from '../time-option';
import type { CommandContext, CommandRunner } from './command';
import { checkPattern, filterArns, patternRules } from './replay-destination';

const REPLAY_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

/** `events replay --json`. */
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
  /** With --pattern: the operator's pattern (parsed). */
  readonly pattern?: unknown;
  /** With --pattern: the temporary rules the events went through, removed when the replay ended. */
  readonly temporaryRules?: ReadonlyArray<{
    readonly name: string;
    readonly channel: string;
    readonly eventPattern: unknown;
  }>;
}

/** Checks the window before anything is called: EventBridge wants start < end <= now. */
function window(options: OptionValues, now: number): { from: Date; to: Date } {
  if (options.pattern !== undefined) checkPattern(options);
  if (options.from === undefined) {
    throw new UsageError(
      'missing --from',
      'pass the start of the window, e.g. --from 1h (an hour ago) or --from 2026-11-29T15:00:00Z',
    );
  }
  const from = parseTimeOption('from', options.from, now);
  const to = parseTimeOption('to', options.to ?? 'now', now);
  if (from >= to) {
    throw new UsageError(
      `--from (${from.toISOString()}) must be before --to (${to.toISOString()})`,
      'swap them, or widen the window',
    );
  }
  if (to.getTime() > now) {
    throw new UsageError(
      `--to (${to.toISOString()}) is in the future`,
      'end the window at now or earlier (--to now)',
    );
  }
  if (options.name !== undefined && !REPLAY_NAME.test(options.name)) {
    throw new UsageError(
      `--name must be 1 to 64 of A-Z a-z 0-9 . - _ (given ${options.name})`,
      'pick another name, or leave --name out for a generated one',
    );
  }
  return { from, to };
}

async function replay(context: CommandContext): Promise<number> {
  const { target, options } = context;
  const { from, to } = window(options, Date.now());
  const archiveName = requireOutput(target, 'EventArchiveName');
  const busName = requireOutput(target, 'EventBusName');
  const archive = await describeArchive(context, archiveName);
  const replayName =
    options.name ??
    `switchyard-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`;
  const progress = new Progress(context.io);
  const routing = await replayRouting(context, busName, replayName, progress);
  const replayArn = await startReplay(context, { replayName, archive, from, to, rules: routing.rules }).catch(
    async (error: unknown) => {
      await routing.removeTemporaryRules();
      throw error;
    },
  );

  progress.report(
    `replay ${replayName}: events from ${from.toISOString()} to ${to.toISOString()} of ${archiveName}` +
      (routing.temporaryRules.length > 0
        ? ` matching --pattern, to ${routing.temporaryRules.map((rule) => rule.channel).join(', ')}`
        : routing.rules.length > 0
          ? ` to ${routing.rules.length} rule(s)`
          : ' to every rule of the bus'),
  );
  // A failure while polling leaves the temporary rules in place: the replay goes on without us.
  const described = await followUntilEnded({
    observe: () => context.clients.eventBridge.send(new DescribeReplayCommand({ ReplayName: replayName })),
    stateOf: (observed) => observed.State ?? 'STARTING',
    describe: (observed) => {
      const lastReplayed = observed.EventLastReplayedTime?.toISOString();
      return `${observed.State ?? 'STARTING'}${lastReplayed ? `: last event replayed at ${lastReplayed}` : ''}`;
    },
    onProgress: (line) => progress.report(line),
    intervalMs: target.pollIntervalMs,
  });
  if (routing.temporaryRules.length > 0 && target.replayRuleGraceMs > 0) {
    progress.report(
      `waiting ${target.replayRuleGraceMs / 1000} s for deliveries in flight before removing the temporary rules`,
    );
    await sleep(target.replayRuleGraceMs);
  }
  await routing.removeTemporaryRules();
  const report: ReplayReport = {
    replayName,
    replayArn: replayArn ?? described.ReplayArn ?? '',
    archiveName,
    from: from.toISOString(),
    to: to.toISOString(),
    filterArns: routing.rules,
    state: described.State ?? 'STARTING',
    ...(described.StateReason !== undefined && { stateReason: described.StateReason }),
    ...(options.pattern !== undefined && {
      pattern: JSON.parse(options.pattern) as unknown,
      temporaryRules: routing.temporaryRules.map(({ name, channel, eventPattern }) => ({
        name,
        channel,
        eventPattern: JSON.parse(eventPattern) as unknown,
      })),
    }),
  };
  return printReport(context, report);
}

/** The archive's ARN and the bus it records, which is where a replay must go. */
async function describeArchive(
  { clients }: CommandContext,
  archiveName: string,
): Promise<{ readonly arn: string; readonly busArn: string }> {
  const archive = await clients.eventBridge
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

/**
 * The rules the replayed events go through: with --pattern, temporary copies of the matching
 * subscriptions' rules narrowed by the pattern (removed afterwards, best effort: they match only
 * this replay's events, so one left behind is harmless); else the bus's rules.
 */
async function replayRouting(
  context: CommandContext,
  busName: string,
  replayName: string,
  progress: Progress,
): Promise<{
  readonly rules: string[];
  readonly temporaryRules: Awaited<ReturnType<typeof patternRules>>;
  removeTemporaryRules(): Promise<void>;
}> {
  const { options, clients, io } = context;
  const temporaryRules =
    options.pattern === undefined
      ? []
      : await patternRules(context, busName, options.pattern, replayName, progress);
  const rules =
    options.pattern === undefined
      ? await filterArns(context, busName)
      : temporaryRules.map((rule) => rule.arn);
  const removeTemporaryRules = async (): Promise<void> => {
    if (temporaryRules.length === 0) return;
    const names = temporaryRules.map((rule) => rule.name);
    try {
      await removeReplayRules(clients.eventBridge, busName, names);
    } catch (error) {
      io.stderr(
        `warning: could not remove the temporary replay rules ${names.join(', ')} (${errorMessage(error)}); ` +
          'they match only this replay, and the next `switchyard events replay --pattern` removes them\n',
      );
    }
  };
  return { rules, temporaryRules, removeTemporaryRules };
}

/** Starts the replay into the archive's own bus; an EventBridge refusal says what to change. */
async function startReplay(
  { clients }: CommandContext,
  replay: {
    readonly replayName: string;
    readonly archive: { readonly arn: string; readonly busArn: string };
    readonly from: Date;
    readonly to: Date;
    readonly rules: readonly string[];
  },
): Promise<string | undefined> {
  try {
    const started = await clients.eventBridge.send(
      new StartReplayCommand({
        ReplayName: replay.replayName,
        Description: 'Started by the switchyard operator CLI',
        EventSourceArn: replay.archive.arn,
        EventStartTime: replay.from,
        EventEndTime: replay.to,
        // Replays go back to the archive's own bus: EventBridge allows no other destination.
        Destination: {
          Arn: replay.archive.busArn,
          ...(replay.rules.length > 0 && { FilterArns: [...replay.rules] }),
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

/** Prints the outcome (JSON with --json) and gives the exit code: only COMPLETED is success. */
function printReport({ io, json }: CommandContext, report: ReplayReport): number {
  if (json) io.stdout(toJson(report));
  else
    io.stdout(
      `${report.state}: replay ${report.replayName}${report.stateReason ? ` (${report.stateReason})` : ''}\n`,
    );
  if (report.state !== 'COMPLETED') {
    io.stderr(
      `the replay ended ${report.state}; consumers are idempotent, so rerunning the same window is safe once the cause is fixed\n`,
    );
    return ExitCode.failed;
  }
  return ExitCode.ok;
}

/** Runs `switchyard events replay`. */
export const eventsReplay: CommandRunner = {
  validate: (_args, options) => {
    window(options, Date.now());
  },
  run: replay,
};
