import type { Message } from '@aws-sdk/client-sqs';
import { type Channel, findChannel, requireOutput } from '../channels';
import { type DeadLetterCause, eventDeadLetterCause, taskDeadLetterCause } from '../dead-letter-errors';
import { epochMillisToIso } from '../output/format';
import { queueCounts } from '../queue-attributes';
import { checkWholeNumber } from '../whole-number';
import { PEEK_DEFAULT_MAX, PEEK_MAX_BOUNDS, PEEK_VISIBILITY_SECONDS } from './dlq-limits';
import type { OperationContext, OperationHooks } from './operation-context';
import { receiveWithoutRemoving } from './receive-without-removing';

/** Which dead letters to peek at. */
export interface PeekParameters {
  /** `tasks`, or a subscription's name. */
  readonly channel: string;
  /** How many messages at most, 1 to 100. @default 10 */
  readonly max?: number;
}

/** One dead-lettered message, with what is known about why it failed. */
export interface PeekedMessage {
  readonly messageId: string;
  /** Parsed when the body is JSON, else the raw text. */
  readonly body: unknown;
  /** SQS system attributes as SQS returns them (SentTimestamp, ApproximateReceiveCount, ...). */
  readonly attributes: Readonly<Record<string, string>>;
  /** Message attributes as strings (binary ones base64). */
  readonly messageAttributes: Readonly<Record<string, string>>;
  /** Receives before this peek (SQS counts the peek's own receive too; it is left out). */
  readonly receiveCount: number;
  readonly sentAt: string | null;
  readonly firstError: string | null;
  readonly lastError: string | null;
  readonly errorSource: DeadLetterCause['source'];
  readonly task?: DeadLetterCause['task'];
}

/** A channel's dead letters: what `switchyard dlq peek --json` prints. */
export interface PeekReport {
  readonly channel: string;
  readonly deadLetterQueueUrl: string;
  /** The DLQ's ApproximateNumberOfMessages before the peek. */
  readonly approximateDepth: number;
  readonly messages: readonly PeekedMessage[];
}

/**
 * Shows up to `max` messages of a channel's DLQ without removing them, each with its first and
 * last error where known (from the task's record, or EventBridge's delivery attributes). Calls
 * `onWarning` when some could not be made visible again (they reappear within 30 s).
 * @throws UsageError for an unknown channel or a `max` out of bounds, before any call.
 */
export async function peekDeadLetters(
  context: OperationContext,
  { channel: name, max = PEEK_DEFAULT_MAX }: PeekParameters,
  hooks: OperationHooks = {},
): Promise<PeekReport> {
  checkWholeNumber('max', max, PEEK_MAX_BOUNDS);
  const { target, clients } = context;
  const channel = findChannel(target, name);
  const depth = await queueCounts(clients.sqs, channel.deadLetterQueueUrl);
  const received = await receiveWithoutRemoving(clients.sqs, channel.deadLetterQueueUrl, {
    max,
    // A short long-poll asks every SQS server, where a 0 s poll samples some; locally both are exact.
    waitTimeSeconds: target.mode === 'aws' ? 1 : 0,
    onRestoreFailure: (count) =>
      hooks.onWarning?.(
        `${count} peeked message(s) could not be made visible again; they reappear within ${PEEK_VISIBILITY_SECONDS} s`,
      ),
    signal: hooks.signal,
  });
  return {
    channel: channel.name,
    deadLetterQueueUrl: channel.deadLetterQueueUrl,
    approximateDepth: depth.queued,
    messages: await Promise.all(received.map((message) => describeMessage(context, channel, message))),
  };
}

async function describeMessage(
  { target, clients }: OperationContext,
  channel: Channel,
  message: Message,
): Promise<PeekedMessage> {
  const cause =
    channel.kind === 'tasks'
      ? await taskDeadLetterCause(clients.dynamoDb, requireOutput(target, 'TaskTableName'), message)
      : eventDeadLetterCause(message);
  const attributes: Record<string, string> = { ...(message.Attributes ?? {}) };
  const receives = Number(attributes.ApproximateReceiveCount ?? 1);
  return {
    messageId: message.MessageId ?? '',
    body: parseBody(message.Body),
    attributes,
    messageAttributes: stringAttributes(message),
    receiveCount: Math.max(0, receives - 1),
    sentAt: epochMillisToIso(attributes.SentTimestamp) ?? null,
    firstError: cause.firstError,
    lastError: cause.lastError,
    errorSource: cause.source,
    ...(cause.task !== undefined && { task: cause.task }),
  };
}

const parseBody = (body: string | undefined): unknown => {
  try {
    return JSON.parse(body ?? '');
  } catch {
    return body ?? '';
  }
};

function stringAttributes(message: Message): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    attributes[name] =
      value.StringValue ?? (value.BinaryValue ? Buffer.from(value.BinaryValue).toString('base64') : '');
  }
  return attributes;
}
