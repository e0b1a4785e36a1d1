import {
  ListMessageMoveTasksCommand,
  type ListMessageMoveTasksResultEntry,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { errorMessage } from '../../common/error-summary';
import { integerOption } from '../args';
import { findChannel } from '../channels';
import { ExitCode, OperationError } from '../errors';
import { MAX_RATE } from '../operations/dlq-limits';
import { followUntilEnded } from '../operations/long-operation';
import { toJson } from '../output/format';
import { Progress } from '../output/progress';
import { queueArn, queueCounts } from '../queue-attributes';
import type { CommandContext, CommandRunner } from './command';

/** `dlq redrive --json`. */
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

async function redrive(context: CommandContext): Promise<number> {
  const { io, target, clients } = context;
  const channel = findChannel(target, context.args[0]);
  const rate = integerOption('rate', context.options.rate, { min: 1, max: MAX_RATE });
  const [sourceArn, destinationArn, counts] = await Promise.all([
    queueArn(clients.sqs, channel.deadLetterQueueUrl),
    queueArn(clients.sqs, channel.queueUrl),
    queueCounts(clients.sqs, channel.deadLetterQueueUrl),
  ]);
  const finish = (report: RedriveReport, ok: boolean): number => {
    if (context.json) io.stdout(toJson(report));
    else
      io.stdout(
        `${report.status}: moved ${report.moved} of ${report.toMove} message(s) to ${channel.name}\n`,
      );
    return ok ? ExitCode.ok : ExitCode.failed;
  };
  if (counts.queued === 0) {
    io.stderr(`the DLQ of ${channel.name} has no visible messages: nothing to redrive\n`);
    return finish(
      { channel: channel.name, sourceArn, destinationArn, status: 'EMPTY', moved: 0, toMove: 0 },
      true,
    );
  }

  // The destination is always named: a subscription's DLQ also holds events EventBridge could
  // not deliver, which were never on the buffer queue, so "back to where it came from" would
  // fail for them. Every message of a channel's DLQ belongs on that channel's queue.
  let taskHandle: string | undefined;
  try {
    ({ TaskHandle: taskHandle } = await clients.sqs.send(
      new StartMessageMoveTaskCommand({
        SourceArn: sourceArn,
        DestinationArn: destinationArn,
        ...(rate !== undefined && { MaxNumberOfMessagesPerSecond: rate }),
      }),
    ));
  } catch (error) {
    const message = errorMessage(error);
    if (/already a task running|active task/i.test(message)) {
      throw new OperationError(
        `a redrive of ${channel.name} is already running`,
        'wait for it to finish (`switchyard status` shows the DLQ draining) or cancel it with `aws sqs cancel-message-move-task`',
      );
    }
    throw error;
  }

  const progress = new Progress(io);
  progress.report(
    `redriving ${counts.queued} message(s) from the DLQ of ${channel.name}${rate ? ` at ${rate}/s` : ''}`,
  );
  const task = await followUntilEnded({
    observe: async (): Promise<ListMessageMoveTasksResultEntry | undefined> => {
      const { Results = [] } = await clients.sqs.send(
        new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: 10 }),
      );
      // Only a running task carries its handle; once it ends, ours is the most recent one.
      return (
        Results.find((entry) => taskHandle !== undefined && entry.TaskHandle === taskHandle) ?? Results[0]
      );
    },
    stateOf: (observed) => observed?.Status ?? 'RUNNING',
    describe: (observed) =>
      `${observed?.Status ?? 'RUNNING'}: moved ${observed?.ApproximateNumberOfMessagesMoved ?? 0} of ${observed?.ApproximateNumberOfMessagesToMove ?? counts.queued}`,
    onProgress: (line) => progress.report(line),
    intervalMs: target.pollIntervalMs,
  });
  const status = task?.Status ?? 'RUNNING';
  const report: RedriveReport = {
    channel: channel.name,
    sourceArn,
    destinationArn,
    status,
    moved: task?.ApproximateNumberOfMessagesMoved ?? 0,
    toMove: task?.ApproximateNumberOfMessagesToMove ?? counts.queued,
    ...(task?.FailureReason !== undefined && { failureReason: task.FailureReason }),
  };
  if (status !== 'COMPLETED') {
    io.stderr(
      `the redrive ended ${status}${task?.FailureReason ? `: ${task.FailureReason}` : ''}; ` +
        `the messages not moved are still in the DLQ: check them with \`switchyard dlq peek ${channel.name}\` and retry\n`,
    );
  }
  return finish(report, status === 'COMPLETED');
}

/** Runs `switchyard dlq redrive <channel>`. */
export const dlqRedrive: CommandRunner = {
  validate: (_args, options) => {
    integerOption('rate', options.rate, { min: 1, max: MAX_RATE });
  },
  run: redrive,
};
