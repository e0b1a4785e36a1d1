import { ExitCode } from '../errors';
import { channelStatus, type StatusReport } from '../operations/channel-status';
import { formatAge, toJson } from '../output/format';
import { renderTable } from '../output/table';
import type { CommandContext, CommandRunner } from './command';

function renderChannels(report: StatusReport): string {
  return renderTable(
    [
      { heading: 'CHANNEL' },
      { heading: 'QUEUED', align: 'right' },
      { heading: 'IN FLIGHT', align: 'right' },
      { heading: 'DELAYED', align: 'right' },
      { heading: 'OLDEST', align: 'right' },
      { heading: 'DLQ', align: 'right' },
    ],
    report.channels.map((channel) => [
      channel.name,
      String(channel.queued),
      String(channel.inFlight),
      String(channel.delayed),
      channel.oldestMessageAgeSeconds === null ? '-' : formatAge(channel.oldestMessageAgeSeconds),
      String(channel.deadLetters),
    ]),
  );
}

/** What the table leaves out: which stack this is, why OLDEST is unknown, where dead letters wait. */
function notesOn(report: StatusReport, targetDescription: string): string {
  const notes = [targetDescription];
  if (report.oldestMessageAge.reason !== undefined) {
    notes.push(`OLDEST is "-": ${report.oldestMessageAge.reason}`);
  }
  const deadLettered = report.channels
    .filter((channel) => channel.deadLetters > 0)
    .map((channel) => channel.name);
  if (deadLettered.length > 0) {
    notes.push(`dead letters on ${deadLettered.join(', ')}: inspect with \`switchyard dlq peek <channel>\``);
  }
  return `${notes.join('\n')}\n`;
}

async function showStatus(context: CommandContext): Promise<number> {
  const report = await channelStatus(context);
  if (context.json) {
    context.io.stdout(toJson(report));
    return ExitCode.ok;
  }
  context.io.stdout(renderChannels(report));
  context.io.stderr(notesOn(report, context.target.description));
  return ExitCode.ok;
}

/** Runs `switchyard status`. */
export const status: CommandRunner = {
  run: showStatus,
};
