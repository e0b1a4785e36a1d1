import { errorMessage } from '../../common/error-summary';
import { channelsOf } from '../channels';
import { ExitCode } from '../errors';
import { oldestMessageAgeSeconds } from '../oldest-message-age';
import { formatAge, toJson } from '../output/format';
import { renderTable } from '../output/table';
import { queueCounts } from '../queue-attributes';
import type { CommandContext, CommandRunner } from './command';

/** One channel's line of `status --json`. */
export interface ChannelStatus {
  readonly name: string;
  readonly kind: 'tasks' | 'subscription';
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
  readonly queued: number;
  readonly inFlight: number;
  readonly delayed: number;
  /** null when unknown: CloudWatch has no recent datapoint, or could not be read. */
  readonly oldestMessageAgeSeconds: number | null;
  readonly deadLetters: number;
}

/** `status --json`. */
export interface StatusReport {
  readonly target: { readonly mode: 'local' | 'aws'; readonly stackName: string; readonly region: string };
  readonly channels: readonly ChannelStatus[];
  /** available is false, with the reason, when CloudWatch could not be read. */
  readonly oldestMessageAge: { readonly available: boolean; readonly reason?: string };
}

/**
 * The oldest message's age, or the reason it is unknown: status should still show the depths
 * to an operator whose credentials cannot read CloudWatch.
 */
async function ageOrReason(
  context: CommandContext,
  queueUrl: string,
): Promise<number | null | { reason: string }> {
  try {
    return await oldestMessageAgeSeconds(context.clients.cloudWatch, queueUrl);
  } catch (error) {
    const denied = error instanceof Error && /AccessDenied|NotAuthorized/i.test(error.name);
    return {
      reason:
        `CloudWatch GetMetricStatistics failed: ${errorMessage(error)}` +
        (denied ? ' (operators need cloudwatch:GetMetricStatistics)' : ''),
    };
  }
}

async function showStatus(context: CommandContext): Promise<number> {
  const { target, clients } = context;
  const reasons = new Set<string>();
  const channels = await Promise.all(
    channelsOf(target).map(async (channel): Promise<ChannelStatus> => {
      const [counts, deadLetterCounts, age] = await Promise.all([
        queueCounts(clients.sqs, channel.queueUrl),
        queueCounts(clients.sqs, channel.deadLetterQueueUrl),
        ageOrReason(context, channel.queueUrl),
      ]);
      if (age !== null && typeof age === 'object') reasons.add(age.reason);
      return {
        name: channel.name,
        kind: channel.kind,
        queueUrl: channel.queueUrl,
        deadLetterQueueUrl: channel.deadLetterQueueUrl,
        ...counts,
        oldestMessageAgeSeconds: typeof age === 'number' ? age : null,
        deadLetters: deadLetterCounts.queued,
      };
    }),
  );
  const report: StatusReport = {
    target: { mode: target.mode, stackName: target.stackName, region: target.region },
    channels,
    oldestMessageAge:
      reasons.size === 0 ? { available: true } : { available: false, reason: [...reasons].join('; ') },
  };
  if (context.json) {
    context.io.stdout(toJson(report));
    return ExitCode.ok;
  }
  context.io.stdout(
    renderTable(
      [
        { heading: 'CHANNEL' },
        { heading: 'QUEUED', align: 'right' },
        { heading: 'IN FLIGHT', align: 'right' },
        { heading: 'DELAYED', align: 'right' },
        { heading: 'OLDEST', align: 'right' },
        { heading: 'DLQ', align: 'right' },
      ],
      channels.map((channel) => [
        channel.name,
        String(channel.queued),
        String(channel.inFlight),
        String(channel.delayed),
        channel.oldestMessageAgeSeconds === null ? '-' : formatAge(channel.oldestMessageAgeSeconds),
        String(channel.deadLetters),
      ]),
    ),
  );
  const notes = [`${target.description}`];
  if (report.oldestMessageAge.reason !== undefined) {
    notes.push(`OLDEST is "-": ${report.oldestMessageAge.reason}`);
  }
  const deadLettered = channels.filter((channel) => channel.deadLetters > 0).map((channel) => channel.name);
  if (deadLettered.length > 0) {
    notes.push(`dead letters on ${deadLettered.join(', ')}: inspect with \`switchyard dlq peek <channel>\``);
  }
  context.io.stderr(`${notes.join('\n')}\n`);
  return ExitCode.ok;
}

/** Runs `switchyard status`. */
export const status: CommandRunner = {
  run: showStatus,
};
