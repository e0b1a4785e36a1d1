import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** How long dead letters wait for an operator: SQS's maximum. */
export const DEAD_LETTER_RETENTION = Duration.days(14);

export interface DeadLetteredQueueProps {
  readonly visibilityTimeout: Duration;
  /** Receives before a message moves to the DLQ. */
  readonly maxReceiveCount: number;
  /** @default - SQS's default (4 days) */
  readonly retentionPeriod?: Duration;
}

/**
 * A consumed queue and its dead-letter queue, both encrypted (SSE-SQS, which EventBridge can
 * deliver into) and TLS-only. Created as `Queue` and `DeadLetterQueue` in `scope`, so every
 * channel keeps the same security defaults and the same logical ids.
 */
export const createDeadLetteredQueue = (
  scope: Construct,
  props: DeadLetteredQueueProps,
): { readonly queue: sqs.Queue; readonly deadLetterQueue: sqs.Queue } => {
  const secure = { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true } as const;
  const deadLetterQueue = new sqs.Queue(scope, 'DeadLetterQueue', {
    ...secure,
    retentionPeriod: DEAD_LETTER_RETENTION,
  });
  const queue = new sqs.Queue(scope, 'Queue', {
    ...secure,
    visibilityTimeout: props.visibilityTimeout,
    retentionPeriod: props.retentionPeriod,
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
  });
  return { queue, deadLetterQueue };
};
