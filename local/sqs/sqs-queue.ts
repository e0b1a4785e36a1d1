import type { SqsMessage } from './sqs-message';

/** One queue with its messages in send order (a Map keeps insertion order, which FIFO relies on). */
export interface SqsQueue {
  readonly name: string;
  readonly arn: string;
  readonly isFifo: boolean;
  /** Epoch seconds, as the `CreatedTimestamp` attribute reports it. */
  readonly createdTimestamp: number;
  /** Settable attributes, normalized to strings as SQS reports them. */
  attributes: Record<string, string>;
  lastModifiedTimestamp: number;
  readonly tags: Record<string, string>;
  readonly messages: Map<string, SqsMessage>;
  /** Last FIFO sequence number handed out; persisted so it never repeats after a restart. */
  sequence: bigint;
  /** Epoch ms of the last PurgeQueue; SQS allows one purge per 60 s. */
  lastPurgeAt: number;
}

/** Parsed `RedrivePolicy` attribute. */
export interface RedrivePolicy {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number;
}

export function redrivePolicyOf(queue: SqsQueue): RedrivePolicy | undefined {
  const raw = queue.attributes.RedrivePolicy;
  if (raw === undefined || raw === '') return undefined;
  // Validated on write, so a parse failure here means a hand-edited database: treat as no policy.
  try {
    const parsed = JSON.parse(raw) as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
    const maxReceiveCount = Number(parsed.maxReceiveCount);
    if (typeof parsed.deadLetterTargetArn !== 'string' || !Number.isInteger(maxReceiveCount))
      return undefined;
    return { deadLetterTargetArn: parsed.deadLetterTargetArn, maxReceiveCount };
  } catch {
    return undefined;
  }
}

/** Number-valued settable attribute with its queue default. */
export function numberAttribute(queue: SqsQueue, name: string, fallback: number): number {
  const value = Number(queue.attributes[name]);
  return Number.isFinite(value) ? value : fallback;
}
