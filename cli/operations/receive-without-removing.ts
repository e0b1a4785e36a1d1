import {
  ChangeMessageVisibilityBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { PEEK_VISIBILITY_SECONDS } from './dlq-limits';

/** SQS's most messages per ReceiveMessage and per ChangeMessageVisibilityBatch. */
const SQS_BATCH = 10;

/**
 * Receives up to `max` messages with a short visibility timeout, then makes every one visible
 * again (ChangeMessageVisibility 0), so nothing is removed and nothing stays hidden, even when
 * the receiving fails or is aborted. SQS offers no read-only peek: each receive raises a
 * message's receive count by one, which on a DLQ (it has no redrive policy of its own) moves
 * nothing. `onRestoreFailure` gets how many stay hidden until their visibility timeout ends.
 */
export async function receiveWithoutRemoving(
  sqs: SQSClient,
  queueUrl: string,
  options: {
    readonly max: number;
    readonly waitTimeSeconds: number;
    readonly onRestoreFailure: (count: number) => void;
    readonly signal?: AbortSignal;
  },
): Promise<Message[]> {
  const received = new Map<string, Message>();
  try {
    while (received.size < options.max) {
      options.signal?.throwIfAborted();
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: Math.min(SQS_BATCH, options.max - received.size),
          VisibilityTimeout: PEEK_VISIBILITY_SECONDS,
          WaitTimeSeconds: options.waitTimeSeconds,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      );
      if (Messages.length === 0) break;
      for (const message of Messages) received.set(message.MessageId ?? message.ReceiptHandle ?? '', message);
    }
  } finally {
    const failed = await makeVisibleAgain(sqs, queueUrl, [...received.values()]);
    if (failed > 0) options.onRestoreFailure(failed);
  }
  return [...received.values()].slice(0, options.max);
}

/** Ends the messages' visibility timeout; answers how many could not be made visible. */
async function makeVisibleAgain(
  sqs: SQSClient,
  queueUrl: string,
  messages: readonly Message[],
): Promise<number> {
  const handles = messages.flatMap((message) =>
    message.ReceiptHandle === undefined ? [] : [message.ReceiptHandle],
  );
  let failed = 0;
  for (let start = 0; start < handles.length; start += SQS_BATCH) {
    const batch = handles.slice(start, start + SQS_BATCH);
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
  return failed;
}
