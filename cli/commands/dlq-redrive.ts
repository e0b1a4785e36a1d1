import { integerOption } from '../args';
import { ExitCode } from '../errors';
import type { CliIo } from '../io';
import { RATE_BOUNDS } from '../operations/dlq-limits';
import { type RedriveReport, redriveDeadLetters } from '../operations/redrive-dead-letters';
import { toJson } from '../output/format';
import { stderrHooks } from '../output/stderr-hooks';
import type { CommandContext, CommandRunner } from './command';

/** What the operator should know about a redrive that moved nothing or did not complete. */
function noteOn(report: RedriveReport, io: CliIo): void {
  if (report.status === 'EMPTY') {
    io.stderr(`the DLQ of ${report.channel} has no visible messages: nothing to redrive\n`);
  } else if (report.status !== 'COMPLETED') {
    io.stderr(
      `the redrive ended ${report.status}${report.failureReason ? `: ${report.failureReason}` : ''}; ` +
        `the messages not moved are still in the DLQ: check them with \`switchyard dlq peek ${report.channel}\` and retry\n`,
    );
  }
}

async function redrive(context: CommandContext): Promise<number> {
  const { io } = context;
  const rate = integerOption('rate', context.options.rate, RATE_BOUNDS);
  const report = await redriveDeadLetters(
    context,
    { channel: context.args[0] ?? '', ...(rate !== undefined && { rate }) },
    stderrHooks(io),
  );
  noteOn(report, io);
  if (context.json) io.stdout(toJson(report));
  else
    io.stdout(
      `${report.status}: moved ${report.moved} of ${report.toMove} message(s) to ${report.channel}\n`,
    );
  return report.status === 'COMPLETED' || report.status === 'EMPTY' ? ExitCode.ok : ExitCode.failed;
}

/** Runs `switchyard dlq redrive <channel>`. */
export const dlqRedrive: CommandRunner = {
  validate: (_args, options) => {
    integerOption('rate', options.rate, RATE_BOUNDS);
  },
  run: redrive,
};
