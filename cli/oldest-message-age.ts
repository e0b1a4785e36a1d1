import { type CloudWatchClient, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { queueNameOf } from './queue-attributes';

/** How far back to look: SQS publishes its metrics every minute, sometimes a few minutes late. */
const LOOKBACK_MS = 15 * 60_000;

/**
 * Seconds the oldest message of a queue has waited, from CloudWatch's
 * `ApproximateAgeOfOldestMessage` (latest datapoint of the last 15 minutes), or null when
 * there is none. SQS exposes this age only as a metric, not as a queue attribute.
 */
export async function oldestMessageAgeSeconds(
  cloudWatch: CloudWatchClient,
  queueUrl: string,
  now = Date.now(),
): Promise<number | null> {
  const { Datapoints = [] } = await cloudWatch.send(
    new GetMetricStatisticsCommand({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [{ Name: 'QueueName', Value: queueNameOf(queueUrl) }],
      StartTime: new Date(now - LOOKBACK_MS),
      EndTime: new Date(now),
      Period: 60,
      Statistics: ['Maximum'],
    }),
  );
  let latest: { at: number; value: number } | undefined;
  for (const point of Datapoints) {
    const at = point.Timestamp?.getTime();
    if (at === undefined || point.Maximum === undefined) continue;
    if (latest === undefined || at > latest.at) latest = { at, value: point.Maximum };
  }
  return latest?.value ?? null;
}
