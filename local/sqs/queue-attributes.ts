import { SqsError } from './errors';
import type { SqsQueue } from './sqs-queue';

/** SQS limits (2026): message size up to 1 MiB, retention 60 s to 14 days, waits up to 20 s. */
export const QUEUE_LIMITS = {
  maxMessageSize: 1_048_576,
  minMessageSize: 1_024,
  maxDelaySeconds: 900,
  maxVisibilityTimeout: 43_200,
  maxWaitTimeSeconds: 20,
  minRetention: 60,
  maxRetention: 1_209_600,
  maxReceiveCount: 1_000,
} as const;

const STANDARD_DEFAULTS: Readonly<Record<string, string>> = {
  DelaySeconds: '0',
  MaximumMessageSize: String(QUEUE_LIMITS.maxMessageSize),
  MessageRetentionPeriod: '345600',
  ReceiveMessageWaitTimeSeconds: '0',
  VisibilityTimeout: '30',
  // New queues get SSE-SQS by default since 2022; reported so templates that check it see it.
  SqsManagedSseEnabled: 'true',
};

const FIFO_DEFAULTS: Readonly<Record<string, string>> = {
  FifoQueue: 'true',
  ContentBasedDeduplication: 'false',
  DeduplicationScope: 'queue',
  FifoThroughputLimit: 'perQueue',
};

const READ_ONLY = new Set([
  'All',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
]);
const SETTABLE = new Set([
  ...Object.keys(STANDARD_DEFAULTS),
  'Policy',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
]);
const FIFO_ONLY = new Set(Object.keys(FIFO_DEFAULTS));

/** Every name GetQueueAttributes accepts. */
export function isKnownQueueAttributeName(name: string): boolean {
  return READ_ONLY.has(name) || SETTABLE.has(name) || FIFO_ONLY.has(name);
}

export function defaultQueueAttributes(isFifo: boolean): Record<string, string> {
  return isFifo ? { ...STANDARD_DEFAULTS, ...FIFO_DEFAULTS } : { ...STANDARD_DEFAULTS };
}

/** What attribute validation needs to know about the rest of the account. */
export interface AttributeContext {
  readonly isFifo: boolean;
  readonly creating: boolean;
  readonly queueArn: string;
  readonly findQueueByArn: (arn: string) => SqsQueue | undefined;
}

const invalidValue = (name: string, reason?: string): SqsError =>
  new SqsError(
    'InvalidAttributeValue',
    `Invalid value for the parameter ${name}.${reason ? ` Reason: ${reason}` : ''}`,
  );

function integerIn(name: string, value: string, min: number, max: number): string {
  const parsed = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || parsed < min || parsed > max) throw invalidValue(name);
  return String(parsed);
}

function booleanValue(name: string, value: string): string {
  const lower = value.toLowerCase();
  if (lower !== 'true' && lower !== 'false') throw invalidValue(name);
  return lower;
}

function jsonObject(name: string, value: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // falls through to the AWS error below
  }
  throw invalidValue(name, 'Invalid JSON.');
}

function redrivePolicy(value: string, context: AttributeContext): string {
  if (value === '') return '';
  const policy = jsonObject('RedrivePolicy', value);
  const target = policy.deadLetterTargetArn;
  const maxReceiveCount = Number(policy.maxReceiveCount);
  if (typeof target !== 'string' || policy.maxReceiveCount === undefined) {
    throw invalidValue('RedrivePolicy', 'Redrive policy requires deadLetterTargetArn and maxReceiveCount.');
  }
  if (
    !Number.isInteger(maxReceiveCount) ||
    maxReceiveCount < 1 ||
    maxReceiveCount > QUEUE_LIMITS.maxReceiveCount
  ) {
    throw invalidValue('RedrivePolicy', 'maxReceiveCount must be an integer between 1 and 1000.');
  }
  const dlq = context.findQueueByArn(target);
  if (dlq === undefined) throw invalidValue('RedrivePolicy', 'Dead letter target does not exist.');
  if (dlq.isFifo !== context.isFifo) {
    throw invalidValue('RedrivePolicy', 'Dead-letter queue must be of the same type as the source queue.');
  }
  if (dlq.arn === context.queueArn)
    throw invalidValue('RedrivePolicy', 'A queue cannot be its own dead-letter queue.');
  if (!redriveAllowed(dlq, context.queueArn)) {
    throw invalidValue(
      'RedrivePolicy',
      "The dead-letter queue's RedriveAllowPolicy does not allow this source queue.",
    );
  }
  return JSON.stringify({ deadLetterTargetArn: target, maxReceiveCount });
}

/** Applies the DLQ's `RedriveAllowPolicy` (allowAll when unset). */
function redriveAllowed(dlq: SqsQueue, sourceArn: string): boolean {
  const raw = dlq.attributes.RedriveAllowPolicy;
  if (raw === undefined || raw === '') return true;
  const policy = JSON.parse(raw) as { redrivePermission?: string; sourceQueueArns?: string[] };
  if (policy.redrivePermission === 'denyAll') return false;
  if (policy.redrivePermission === 'byQueue') return (policy.sourceQueueArns ?? []).includes(sourceArn);
  return true;
}

function redriveAllowPolicy(value: string): string {
  if (value === '') return '';
  const policy = jsonObject('RedriveAllowPolicy', value);
  const permission = policy.redrivePermission;
  if (permission !== 'allowAll' && permission !== 'denyAll' && permission !== 'byQueue') {
    throw invalidValue('RedriveAllowPolicy', 'redrivePermission must be allowAll, denyAll or byQueue.');
  }
  const arns = policy.sourceQueueArns;
  if (permission === 'byQueue') {
    if (
      !Array.isArray(arns) ||
      arns.length < 1 ||
      arns.length > 10 ||
      !arns.every((a) => typeof a === 'string')
    ) {
      throw invalidValue('RedriveAllowPolicy', 'byQueue needs 1 to 10 sourceQueueArns.');
    }
  } else if (arns !== undefined) {
    throw invalidValue('RedriveAllowPolicy', 'sourceQueueArns is only allowed with byQueue.');
  }
  return JSON.stringify(policy);
}

function normalizeOne(name: string, value: string, context: AttributeContext): string {
  switch (name) {
    case 'DelaySeconds':
      return integerIn(name, value, 0, QUEUE_LIMITS.maxDelaySeconds);
    case 'MaximumMessageSize':
      return integerIn(name, value, QUEUE_LIMITS.minMessageSize, QUEUE_LIMITS.maxMessageSize);
    case 'MessageRetentionPeriod':
      return integerIn(name, value, QUEUE_LIMITS.minRetention, QUEUE_LIMITS.maxRetention);
    case 'ReceiveMessageWaitTimeSeconds':
      return integerIn(name, value, 0, QUEUE_LIMITS.maxWaitTimeSeconds);
    case 'VisibilityTimeout':
      return integerIn(name, value, 0, QUEUE_LIMITS.maxVisibilityTimeout);
    case 'KmsDataKeyReusePeriodSeconds':
      return integerIn(name, value, 60, 86_400);
    case 'SqsManagedSseEnabled':
    case 'ContentBasedDeduplication':
      return booleanValue(name, value);
    case 'FifoQueue':
      if (!context.creating) throw new SqsError('InvalidAttributeName', 'Unknown Attribute FifoQueue.');
      if (booleanValue(name, value) !== 'true') throw invalidValue(name);
      return 'true';
    case 'DeduplicationScope':
      if (value !== 'queue' && value !== 'messageGroup') throw invalidValue(name);
      return value;
    case 'FifoThroughputLimit':
      if (value !== 'perQueue' && value !== 'perMessageGroupId') throw invalidValue(name);
      return value;
    case 'Policy':
      if (value !== '') jsonObject(name, value);
      return value;
    case 'RedrivePolicy':
      return redrivePolicy(value, context);
    case 'RedriveAllowPolicy':
      return redriveAllowPolicy(value);
    default:
      return value;
  }
}

/**
 * Validates attributes given to CreateQueue or SetQueueAttributes and returns them normalized.
 * Throws the first problem as SQS reports it; nothing is applied unless all are valid.
 */
export function normalizeQueueAttributes(
  input: Readonly<Record<string, string>>,
  context: AttributeContext,
): Record<string, string> {
  const output: Record<string, string> = {};
  for (const [name, value] of Object.entries(input)) {
    const known = SETTABLE.has(name) || (FIFO_ONLY.has(name) && (context.isFifo || name === 'FifoQueue'));
    if (!known) throw new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
    output[name] = normalizeOne(name, value, context);
  }
  return output;
}
