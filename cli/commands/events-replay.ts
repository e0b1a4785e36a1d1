import { randomBytes } from 'node:crypto';
import {
  DescribeArchiveCommand,
  DescribeReplayCommand,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import type { OptionValues } from '../args';
import { channelsOf, requireOutput } from '../channels';
import { ExitCode, OperationError, UsageError } from '../errors';
import { toJson } from '../output/format';
import { Progress, sleep } from '../output/progress';
import { ruleArn, subscriptionRuleArns } from '../replay-filter';
import { parseTimeOption } from '../time-option';
import type { Command, CommandContext } from './command';

const FINAL_STATES = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);
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
}

const PATTERN_UNSUPPORTED = new UsageError(
  '--pattern is not supported: EventBridge replays cannot filter events by a pattern; StartReplay only narrows which rules receive them (Destination.FilterArns)',
  'replay to one subscription with --channel <subscription>, or to given rules with --rule <name> (repeatable); each rule applies its own pattern',
);

/** Checks the window before anything is called: EventBridge wants start < end <= now. */
function window(options: OptionValues, now: number): { from: Date; to: Date } {
  if (options.pattern !== undefined) throw PATTERN_UNSUPPORTED;
  if (options.from === undefined) {
    throw new UsageError(
      'missing --from',
      'pass the start of the window, e.g. --from now-1h or --from 2026-11-29T15:00:00Z',
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

async function filterArns(context: CommandContext, busName: string): Promise<string[]> {
  const { clients, target, options } = context;
  const arns = await Promise.all(
    (options.rule ?? []).map((rule) => ruleArn(clients.eventBridge, busName, rule)),
  );
  const channels = channelsOf(target);
  for (const name of options.channel ?? []) {
    const channel = channels.find((candidate) => candidate.name === name);
    const subscriptions = channels
      .filter((candidate) => candidate.kind === 'subscription')
      .map((c) => c.name);
    if (channel === undefined || channel.kind !== 'subscription') {
      throw new UsageError(
        channel === undefined
          ? `unknown channel ${name}`
          : `${name} is fed by the API, not by the event bus, so it has nothing to replay`,
        `replay to a subscription: ${subscriptions.join(', ')}`,
      );
    }
    arns.push(...(await subscriptionRuleArns(clients.eventBridge, clients.sqs, busName, channel)));
  }
  return [...new Set(arns)];
}

async function replay(context: CommandContext): Promise<number> {
  const { io, target, clients, options } = context;
  const { from, to } = window(options, Date.now());
  const archiveName = requireOutput(target, 'EventArchiveName');
  const busName = requireOutput(target, 'EventBusName');
  const archive = await clients.eventBridge
    .send(new DescribeArchiveCommand({ ArchiveName: archiveName }))
    .catch((error: unknown) => {
      throw new OperationError(
        `cannot read archive ${archiveName}: ${error instanceof Error ? error.message : String(error)}`,
        'check that the stack is fully deployed (`npx cdk deploy`) or restart the local cloud (`npm start`)',
      );
    });
  if (archive.ArchiveArn === undefined || archive.EventSourceArn === undefined) {
    throw new OperationError(
      `archive ${archiveName} has no ARN or source bus`,
      'check the archive in the console, then retry',
    );
  }
  const rules = await filterArns(context, busName);
  const replayName =
    options.name ??
    `switchyard-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`;
  const started = await clients.eventBridge
    .send(
      new StartReplayCommand({
        ReplayName: replayName,
        Description: 'Started by the switchyard operator CLI',
        EventSourceArn: archive.ArchiveArn,
        EventStartTime: from,
        EventEndTime: to,
        // Replays go back to the archive's own bus: EventBridge allows no other destination.
        Destination: { Arn: archive.EventSourceArn, ...(rules.length > 0 && { FilterArns: rules }) },
      }),
    )
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      throw new OperationError(
        `EventBridge refused the replay: ${message}`,
        error instanceof Error && error.name === 'ResourceAlreadyExistsException'
          ? 'pick another --name (replay names are unique per account and region)'
          : 'check the window and the rules, then retry',
      );
    });

  const progress = new Progress(io);
  progress.report(
    `replay ${replayName}: events from ${from.toISOString()} to ${to.toISOString()} of ${archiveName}` +
      (rules.length > 0 ? ` to ${rules.length} rule(s)` : ' to every rule of the bus'),
  );
  for (;;) {
    const described = await clients.eventBridge.send(new DescribeReplayCommand({ ReplayName: replayName }));
    const state = described.State ?? 'STARTING';
    const lastReplayed = described.EventLastReplayedTime?.toISOString();
    progress.report(`${state}${lastReplayed ? `: last event replayed at ${lastReplayed}` : ''}`);
    if (FINAL_STATES.has(state)) {
      const report: ReplayReport = {
        replayName,
        replayArn: started.ReplayArn ?? described.ReplayArn ?? '',
        archiveName,
        from: from.toISOString(),
        to: to.toISOString(),
        filterArns: rules,
        state,
        ...(described.StateReason !== undefined && { stateReason: described.StateReason }),
      };
      if (context.json) io.stdout(toJson(report));
      else
        io.stdout(
          `${state}: replay ${replayName}${described.StateReason ? ` (${described.StateReason})` : ''}\n`,
        );
      if (state !== 'COMPLETED') {
        io.stderr(
          `the replay ended ${state}; consumers are idempotent, so rerunning the same window is safe once the cause is fixed\n`,
        );
        return ExitCode.failed;
      }
      return ExitCode.ok;
    }
    await sleep(target.pollIntervalMs);
  }
}

/** `switchyard events replay`. */
export const eventsReplayCommand: Command = {
  path: ['events', 'replay'],
  args: [],
  options: ['from', 'to', 'rule', 'channel', 'pattern', 'name'],
  summary: 're-deliver archived events of a time window to the bus',
  help: `Usage: switchyard events replay --from <time> [--to <time>] [--channel <subscription>]... [--rule <name>]... [--name <replay>] [--json]

Starts an EventBridge replay (StartReplay) of the archive's events published from --from to --to
(default now), back onto the event bus, and shows its state on stderr until it is COMPLETED,
FAILED or CANCELLED (exit code 1 unless COMPLETED). Times: ISO 8601, \`now\` or \`now-<n>s|m|h|d\`.
The replay runs in EventBridge: stopping the CLI (Ctrl-C) does not stop it.

Without filters every rule of the bus receives the events again. --channel <subscription>
(repeatable) replays only to that subscription's rule, e.g. --channel flow-recorder; --rule
takes rule names or ARNs. Consumers are idempotent by event id, so a replay does not count an
event twice.

--pattern is rejected: EventBridge cannot filter a replay by an event pattern, only by the rules
it delivers to (Destination.FilterArns), and each rule applies its own pattern.

--json: {"replayName", "replayArn", "archiveName", "from", "to", "filterArns", "state", "stateReason"?}`,
  validate: (_args, options) => {
    window(options, Date.now());
  },
  run: replay,
};
