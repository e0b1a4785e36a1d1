import { GetQueueAttributesCommand, type QueueAttributeName, type SQSClient } from '@aws-sdk/client-sqs';

/** The counters SQS keeps per queue (all approximate, as SQS says). */
export interface QueueCounts {
  /** Visible, waiting to be received. */
  readonly queued: number;
  /** Received and not yet deleted or returned. */
  readonly inFlight: number;
  /** Sent with a delay that has not passed. */
  readonly delayed: number;
}

const COUNT_ATTRIBUTES: QueueAttributeName[] = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
];

/** Reads a queue's counters with one GetQueueAttributes call. */
export async function queueCounts(sqs: SQSClient, queueUrl: string): Promise<QueueCounts> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: COUNT_ATTRIBUTES }),
  );
  const count = (name: string) => Number(Attributes[name as QueueAttributeName] ?? 0);
  return {
    queued: count('ApproximateNumberOfMessages'),
    inFlight: count('ApproximateNumberOfMessagesNotVisible'),
    delayed: count('ApproximateNumberOfMessagesDelayed'),
  };
}

/** A queue's ARN, which the move-task and EventBridge APIs take instead of its URL. */
export async function queueArn(sqs: SQSClient, queueUrl: string): Promise<string> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const arn = Attributes.QueueArn;
  if (arn === undefined) throw new Error(`SQS returned no QueueArn for ${queueUrl}`);
  return arn;
}

/** The queue name is the last segment of its URL (CloudWatch's `QueueName` dimension). */
export const queueNameOf = (queueUrl: string): string => queueUrl.slice(queueUrl.lastIndexOf('/') + 1);
