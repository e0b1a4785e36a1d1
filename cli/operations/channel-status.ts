import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { errorMessage } from '../../common/error-summary';
import { type Channel, channelsOf } from '../channels';
import { oldestMessageAgeSeconds } from '../oldest-message-age';
import { queueCounts } from '../queue-attributes';
import type { OperationContext } from './operation-context';

/** One channel's depths, as a line of `status`. */
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

/** Every channel's depths: what `switchyard status --json` prints. */
export interface StatusReport {
  readonly target: { readonly mode: 'local' | 'aws'; readonly stackName: string; readonly region: string };
  readonly channels: readonly ChannelStatus[];
  /** available is false, with the reason, when CloudWatch could not be read. */
  readonly oldestMessageAge: { readonly available: boolean; readonly reason?: string };
}

/**
 * Queue depth, in-flight, delayed, oldest message age and DLQ depth of each channel of the
 * stack (tasks first). The depths are there even when CloudWatch cannot be read.
 * @throws OperationError when the stack has no queue outputs.
 */
export async function channelStatus({ target, clients }: OperationContext): Promise<StatusReport> {
  const reasons = new Set<string>();
  const channels = await Promise.all(
    channelsOf(target).map(async (channel) => {
      const { status, ageUnknownBecause } = await statusOf(channel, clients);
      if (ageUnknownBecause !== undefined) reasons.add(ageUnknownBecause);
      return status;
    }),
  );
  return {
    target: { mode: target.mode, stackName: target.stackName, region: target.region },
    channels,
    oldestMessageAge:
      reasons.size === 0 ? { available: true } : { available: false, reason: [...reasons].join('; ') },
  };
}

async function statusOf(
  channel: Channel,
  clients: OperationContext['clients'],
): Promise<{ readonly status: ChannelStatus; readonly ageUnknownBecause?: string }> {
  const [counts, deadLetterCounts, age] = await Promise.all([
    queueCounts(clients.sqs, channel.queueUrl),
    queueCounts(clients.sqs, channel.deadLetterQueueUrl),
    ageOrReason(clients.cloudWatch, channel.queueUrl),
  ]);
  const status: ChannelStatus = {
    name: channel.name,
    kind: channel.kind,
    queueUrl: channel.queueUrl,
    deadLetterQueueUrl: channel.deadLetterQueueUrl,
    ...counts,
    oldestMessageAgeSeconds: typeof age === 'number' ? age : null,
    deadLetters: deadLetterCounts.queued,
  };
  return age !== null && typeof age === 'object' ? { status, ageUnknownBecause: age.reason } : { status };
}

/**
 * The oldest message's age, or the reason it is unknown: status should still show the depths
 * to an operator whose credentials cannot read CloudWatch.
 */
async function ageOrReason(
  cloudWatch: CloudWatchClient,
  queueUrl: string,
): Promise<number | null | { reason: string }> {
  try {
    return await oldestMessageAgeSeconds(cloudWatch, queueUrl);
  } catch (error) {
    const denied = error instanceof Error && /AccessDenied|NotAuthorized/i.test(error.name);
    return {
      reason:
        `CloudWatch GetMetricStatistics failed: ${errorMessage(error)}` +
        (denied ? ' (operators need cloudwatch:GetMetricStatistics)' : ''),
    };
  }
}
