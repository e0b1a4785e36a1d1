import {
  ListMessageMoveTasksCommand,
  type ListMessageMoveTasksResultEntry,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { errorMessage } from '../../common/error-summary';
import { findChannel } from '../channels';
import { OperationError } from '../errors';
import { queueArn, queueCounts } from '../queue-attributes';
import { checkWholeNumber } from '../whole-number';
import { RATE_BOUNDS } from './dlq-limits';
import { followUntilEnded } from './long-operation';
import type { OperationContext, OperationHooks } from './operation-context';

/** Which dead letters to move back, and how fast. */
export interface RedriveParameters {
  /** `tasks`, or a subscription's name. */
  readonly channel: string;
  /** Messages per second, 1 to 500. @default as fast as SQS moves them */
  readonly rate?: number;
}

/** How a redrive ended: what `switchyard dlq redrive --json` prints. */
export interface RedriveReport {
  readonly channel: string;
  readonly sourceArn: string;
  readonly destinationArn: string;
  /** COMPLETED, FAILED or CANCELLED as SQS reports the move task; EMPTY when there was nothing to move. */
  readonly status: string;
  readonly moved: number;
  readonly toMove: number;
  readonly failureReason?: string;
}

/**
 * Moves a channel's dead letters back to the channel's queue with an SQS message move task, and
 * follows it until it ends (`onProgress` gets each new count). Resolves with any ending: the
 * caller judges `status` (only COMPLETED and EMPTY moved everything).
 * @throws UsageError for an unknown channel or a `rate` out of bounds, before any call;
 * OperationError when a redrive of the channel is already running.
 */
export async function redriveDeadLetters(
  { target, clients }: OperationContext,
  { channel: name, rate }: RedriveParameters,
  hooks: OperationHooks = {},
): Promise<RedriveReport> {
  if (rate !== undefined) checkWholeNumber('rate', rate, RATE_BOUNDS);
  const channel = findChannel(target, name);
  const [sourceArn, destinationArn, counts] = await Promise.all([
    queueArn(clients.sqs, channel.deadLetterQueueUrl),
    queueArn(clients.sqs, channel.queueUrl),
    queueCounts(clients.sqs, channel.deadLetterQueueUrl),
  ]);
  const report = { channel: channel.name, sourceArn, destinationArn };
  if (counts.queued === 0) return { ...report, status: 'EMPTY', moved: 0, toMove: 0 };
  hooks.signal?.throwIfAborted();
  const taskHandle = await startMoveTask(clients.sqs, {
    sourceArn,
    destinationArn,
    rate,
    channel: channel.name,
  });
  hooks.onProgress?.(
    `redriving ${counts.queued} message(s) from the DLQ of ${channel.name}${rate ? ` at ${rate}/s` : ''}`,
  );
  const task = await followUntilEnded({
    observe: () => observeMoveTask(clients.sqs, sourceArn, taskHandle),
    stateOf: (observed) => observed?.Status ?? 'RUNNING',
    describe: (observed) =>
      `${observed?.Status ?? 'RUNNING'}: moved ${observed?.ApproximateNumberOfMessagesMoved ?? 0} of ${observed?.ApproximateNumberOfMessagesToMove ?? counts.queued}`,
    onProgress: hooks.onProgress,
    intervalMs: target.pollIntervalMs,
    signal: hooks.signal,
  });
  return {
    ...report,
    status: task?.Status ?? 'RUNNING',
    moved: task?.ApproximateNumberOfMessagesMoved ?? 0,
    toMove: task?.ApproximateNumberOfMessagesToMove ?? counts.queued,
    ...(task?.FailureReason !== undefined && { failureReason: task.FailureReason }),
  };
}

/**
 * Starts the move task and answers its handle. The destination is always named: a
 * subscription's DLQ also holds events EventBridge could not deliver, which were never on the
 * buffer queue, so "back to where it came from" would fail for them. Every message of a
 * channel's DLQ belongs on that channel's queue.
 */
async function startMoveTask(
  sqs: SQSClient,
  move: {
    readonly sourceArn: string;
    readonly destinationArn: string;
    readonly rate?: number;
    readonly channel: string;
  },
): Promise<string | undefined> {
  try {
    const { TaskHandle } = await sqs.send(
      new StartMessageMoveTaskCommand({
        SourceArn: move.sourceArn,
        DestinationArn: move.destinationArn,
        ...(move.rate !== undefined && { MaxNumberOfMessagesPerSecond: move.rate }),
      }),
    );
    return TaskHandle;
  } catch (error) {
    if (/already a task running|active task/i.test(errorMessage(error))) {
      throw new OperationError(
        `a redrive of ${move.channel} is already running`,
        'wait for it to finish (`switchyard status` shows the DLQ draining) or cancel it with `aws sqs cancel-message-move-task`',
      );
    }
    throw error;
  }
}

/** Our move task as SQS lists it. Only a running task carries its handle; once it ends, ours is the most recent one. */
async function observeMoveTask(
  sqs: SQSClient,
  sourceArn: string,
  taskHandle: string | undefined,
): Promise<ListMessageMoveTasksResultEntry | undefined> {
  const { Results = [] } = await sqs.send(
    new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: 10 }),
  );
  return Results.find((entry) => taskHandle !== undefined && entry.TaskHandle === taskHandle) ?? Results[0];
}
