import {
  ChangeMessageVisibilityBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { integerOption } from '../args';
import { type Channel, findChannel, requireOutput } from '../channels';
import { type DeadLetterCause, eventDeadLetterCause, taskDeadLetterCause } from '../dead-letter-errors';
import { ExitCode } from '../errors';
import { PEEK_VISIBILITY_SECONDS } from '../operations/dlq-limits';
import { epochMillisToIso, oneLine, toJson } from '../output/format';
import { renderFields } from '../output/table';
import { queueCounts } from '../queue-attributes';
import type { CommandContext, CommandRunner } from './command';

/** One message of `dlq peek --json`. */
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

/** `dlq peek --json`. */
export interface PeekReport {
  readonly channel: string;
  readonly deadLetterQueueUrl: string;
  /** The DLQ's ApproximateNumberOfMessages before the peek. */
  readonly approximateDepth: number;
  readonly messages: readonly PeekedMessage[];
}

/**
 * Receives up to `max` messages with a short visibility timeout, then makes every one visible
 * again (ChangeMessageVisibility 0), so nothing is removed and nothing stays hidden. SQS offers
 * no read-only peek: each receive raises a message's receive count by one, which on a DLQ (it
 * has no redrive policy of its own) moves nothing.
 */
async function receiveWithoutRemoving(
  sqs: SQSClient,
  queueUrl: string,
  max: number,
  waitTimeSeconds: number,
  onRestoreFailure: (count: number) => void,
): Promise<Message[]> {
  const received = new Map<string, Message>();
  try {
    while (received.size < max) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: Math.min(10, max - received.size),
          VisibilityTimeout: PEEK_VISIBILITY_SECONDS,
          WaitTimeSeconds: waitTimeSeconds,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      );
      if (Messages.length === 0) break;
      for (const message of Messages) received.set(message.MessageId ?? message.ReceiptHandle ?? '', message);
    }
  } finally {
    const handles = [...received.values()].flatMap((message) =>
      message.ReceiptHandle === undefined ? [] : [message.ReceiptHandle],
    );
    let failed = 0;
    for (let start = 0; start < handles.length; start += 10) {
      const batch = handles.slice(start, start + 10);
      try {
        const { Failed = [] } = await sqs.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: queueUrl,
            Entries: batch.map((handle, index) => ({
              Id: String(index),
              ReceiptHandle: handle,
              VisibilityTimeout: 0,
            })),
          }),
        );
        failed += Failed.length;
      } catch {
        failed += batch.length;
      }
    }
    if (failed > 0) onRestoreFailure(failed);
  }
  return [...received.values()].slice(0, max);
}

const parseBody = (body: string | undefined): unknown => {
  try {
    return JSON.parse(body ?? '');
  } catch {
    return body ?? '';
  }
};

async function describe(context: CommandContext, channel: Channel, message: Message): Promise<PeekedMessage> {
  const cause =
    channel.kind === 'tasks'
      ? await taskDeadLetterCause(
          context.clients.dynamoDb,
          requireOutput(context.target, 'TaskTableName'),
          message,
        )
      : eventDeadLetterCause(message);
  const attributes: Record<string, string> = { ...(message.Attributes ?? {}) };
  const messageAttributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    messageAttributes[name] =
      value.StringValue ?? (value.BinaryValue ? Buffer.from(value.BinaryValue).toString('base64') : '');
  }
  const receives = Number(attributes.ApproximateReceiveCount ?? 1);
  return {
    messageId: message.MessageId ?? '',
    body: parseBody(message.Body),
    attributes,
    messageAttributes,
    receiveCount: Math.max(0, receives - 1),
    sentAt: epochMillisToIso(attributes.SentTimestamp) ?? null,
    firstError: cause.firstError,
    lastError: cause.lastError,
    errorSource: cause.source,
    ...(cause.task !== undefined && { task: cause.task }),
  };
}

function renderMessage(message: PeekedMessage, index: number, total: number): string {
  const fields: Array<readonly [string, string]> = [
    ['message', `${index + 1} of ${total}: ${message.messageId}`],
    ['sent', message.sentAt ?? '-'],
    ['receives', `${message.receiveCount} before this peek`],
  ];
  const attributeLine = Object.entries(message.messageAttributes)
    .map(([name, value]) => `${name}=${oneLine(value, 80)}`)
    .join(' ');
  if (attributeLine !== '') fields.push(['attributes', attributeLine]);
  if (message.task) fields.push(['task', `${message.task.status} after ${message.task.attempts} attempt(s)`]);
  fields.push(['first error', message.firstError ?? '-'], ['last error', message.lastError ?? '-']);
  fields.push(['body', oneLine(message.body, 400)]);
  return renderFields(fields);
}

async function peek(context: CommandContext): Promise<number> {
  const { io, target, clients } = context;
  const channel = findChannel(target, context.args[0]);
  const max = integerOption('max', context.options.max, { min: 1, max: 100, fallback: 10 }) ?? 10;
  const depth = await queueCounts(clients.sqs, channel.deadLetterQueueUrl);
  // A short long-poll asks every SQS server, where a 0 s poll samples some; locally both are exact.
  const waitTimeSeconds = target.mode === 'aws' ? 1 : 0;
  const received = await receiveWithoutRemoving(
    clients.sqs,
    channel.deadLetterQueueUrl,
    max,
    waitTimeSeconds,
    (count) =>
      io.stderr(
        `warning: ${count} peeked message(s) could not be made visible again; they reappear within ${PEEK_VISIBILITY_SECONDS} s\n`,
      ),
  );
  const messages = await Promise.all(received.map((message) => describe(context, channel, message)));
  const report: PeekReport = {
    channel: channel.name,
    deadLetterQueueUrl: channel.deadLetterQueueUrl,
    approximateDepth: depth.queued,
    messages,
  };
  if (context.json) {
    io.stdout(toJson(report));
    return ExitCode.ok;
  }
  if (messages.length === 0) {
    io.stdout(`The DLQ of ${channel.name} is empty.\n`);
    return ExitCode.ok;
  }
  io.stdout(messages.map((message, index) => renderMessage(message, index, messages.length)).join('\n'));
  io.stderr(
    `${messages.length} of about ${depth.queued} dead-lettered message(s) on ${channel.name}, left in place; ` +
      `redrive them with \`switchyard dlq redrive ${channel.name}\` once the cause is fixed\n`,
  );
  return ExitCode.ok;
}

/** Runs `switchyard dlq peek <channel>`. */
export const dlqPeek: CommandRunner = {
  validate: (_args, options) => {
    integerOption('max', options.max, { min: 1, max: 100 });
  },
  run: peek,
};
