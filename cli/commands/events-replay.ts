import type { OptionValues } from '../args';
import { ExitCode, UsageError } from '../errors';
import { type ReplayReport, replayArchive } from '../operations/replay-archive';
import { checkReplayPattern, type ReplayParameters, replayWindow } from '../operations/replay-parameters';
import { toJson } from '../output/format';
import { stderrHooks } from '../output/stderr-hooks';
import { parseTimeOption } from '../time-option';
import type { CommandContext, CommandRunner } from './command';

/** The options as the operation's parameters, checked as it checks them. */
function replayParameters(options: OptionValues, now: number): ReplayParameters {
  // Before --from, as before the operations were split out: of several mistakes, the same one is reported.
  checkReplayPattern({ pattern: options.pattern, rules: options.rule });
  if (options.from === undefined) {
    throw new UsageError(
      'missing --from',
      'pass the start of the window, e.g. --from 1h (an hour ago) or --from 2026-11-29T15:00:00Z',
    );
  }
  const parameters: ReplayParameters = {
    from: parseTimeOption('from', options.from, now),
    // Parsed against the same `now` as --from, so `--from now` is refused as an empty window.
    to: parseTimeOption('to', options.to ?? 'now', now),
    channels: options.channel,
    rules: options.rule,
    pattern: options.pattern,
    name: options.name,
  };
  replayWindow(parameters, now);
  return parameters;
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

async function replay(context: CommandContext): Promise<number> {
  const parameters = replayParameters(context.options, Date.now());
  const report = await replayArchive(context, parameters, stderrHooks(context.io));
  return printReport(context, report);
}

/** Runs `switchyard events replay`. */
export const eventsReplay: CommandRunner = {
  validate: (_args, options) => {
    replayParameters(options, Date.now());
  },
  run: replay,
};
