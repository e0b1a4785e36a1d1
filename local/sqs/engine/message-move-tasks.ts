import { randomUUID } from 'node:crypto';
import { errorMessage } from '../../../common/error-summary';
import { SqsError } from '../errors';
import type { SqsMessage } from '../sqs-message';
import type { SqsQueue } from '../sqs-queue';

/** What the move engine needs from the model; the model owns messages and their persistence. */
export interface MoveTaskHost {
  findQueueByArn(arn: string): SqsQueue | undefined;
  /** True when some queue's RedrivePolicy names this queue as its dead-letter queue. */
  isDeadLetterQueue(queue: SqsQueue): boolean;
  /** Messages that can move now (visible, not expired), oldest first. */
  movableMessages(queue: SqsQueue): SqsMessage[];
  /** Moves one message durably (one transaction) and wakes receivers of the destination. */
  moveMessage(source: SqsQueue, message: SqsMessage, destination: SqsQueue): void;
  /** Persists a task's state, so a restart resumes running tasks and keeps the history. */
  saveTask(task: MessageMoveTask): void;
  /** Every task saved before, oldest first. */
  loadTasks(): MessageMoveTask[];
}

export type MoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';

/** One entry of ListMessageMoveTasks, in the SDK's shape. */
export interface MessageMoveTask {
  readonly TaskHandle?: string;
  Status: MoveTaskStatus;
  readonly SourceArn: string;
  readonly DestinationArn?: string;
  readonly MaxNumberOfMessagesPerSecond?: number;
  ApproximateNumberOfMessagesMoved: number;
  readonly ApproximateNumberOfMessagesToMove: number;
  FailureReason?: string;
  readonly StartedTimestamp: number;
}

export interface StartMoveTaskInput {
  readonly sourceArn: string;
  /** @default - each message goes back to the queue it was dead-lettered from */
  readonly destinationArn?: string;
  /** 1-500. @default - as fast as the engine ticks (500 per second) */
  readonly maxNumberOfMessagesPerSecond?: number;
}

const TICK_MS = 50;
const DEFAULT_RATE = 500;
const MAX_RATE = 500;

interface RunningTask {
  readonly task: MessageMoveTask;
  readonly handle: string;
  readonly rate: number;
  timer: NodeJS.Timeout | undefined;
  /** Rate accounting restarts with the process, so a resumed task does not burst to catch up. */
  readonly rateSince: number;
  readonly movedSince: number;
}

/**
 * Dead-letter queue redrive (StartMessageMoveTask and friends). A task moves at most
 * `rate` messages per second on a timer; one task per source queue may run at a time. Tasks are
 * saved after every tick, so a restart resumes a running task (each message moves in its own
 * transaction, so none is lost or doubled; the moved count may lag by one tick after a crash).
 */
export class MessageMoveTasks {
  private readonly history = new Map<string, RunningTask[]>();

  constructor(private readonly host: MoveTaskHost) {
    for (const task of host.loadTasks()) {
      const running = this.track(task);
      if (task.Status === 'CANCELLING') this.finish(running, 'CANCELLED');
      if (task.Status === 'RUNNING') this.schedule(running, 0);
    }
  }

  start(input: StartMoveTaskInput): string {
    const source = this.host.findQueueByArn(input.sourceArn);
    if (source === undefined) {
      throw new SqsError(
        'ResourceNotFoundException',
        'The resource that you specified for the SourceArn parameter does not exist.',
      );
    }
    if (!this.host.isDeadLetterQueue(source)) {
      throw new SqsError('InvalidParameterValue', 'Source queue must be configured as a Dead Letter Queue.');
    }
    if (input.destinationArn !== undefined) {
      const destination = this.host.findQueueByArn(input.destinationArn);
      if (destination === undefined) {
        throw new SqsError(
          'ResourceNotFoundException',
          'The resource that you specified for the DestinationArn parameter does not exist.',
        );
      }
      if (destination.isFifo !== source.isFifo) {
        throw new SqsError(
          'InvalidParameterValue',
          'The destination queue must be of the same type as the source queue.',
        );
      }
    }
    const rate = input.maxNumberOfMessagesPerSecond ?? DEFAULT_RATE;
    if (!Number.isInteger(rate) || rate < 1 || rate > MAX_RATE) {
      throw new SqsError(
        'InvalidParameterValue',
        `Value ${rate} for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: Must be between 1 and ${MAX_RATE}.`,
      );
    }
    const tasks = this.history.get(source.arn) ?? [];
    if (tasks.some((t) => t.task.Status === 'RUNNING' || t.task.Status === 'CANCELLING')) {
      throw new SqsError(
        'UnsupportedOperation',
        'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
      );
    }
    const handle = Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn: source.arn })).toString(
      'base64',
    );
    const running = this.track({
      TaskHandle: handle,
      Status: 'RUNNING',
      SourceArn: source.arn,
      ...(input.destinationArn !== undefined && { DestinationArn: input.destinationArn }),
      ...(input.maxNumberOfMessagesPerSecond !== undefined && { MaxNumberOfMessagesPerSecond: rate }),
      ApproximateNumberOfMessagesMoved: 0,
      ApproximateNumberOfMessagesToMove: this.host.movableMessages(source).length,
      StartedTimestamp: Date.now(),
    });
    this.host.saveTask(running.task);
    this.schedule(running, 0);
    return handle;
  }

  /** Adds a task to its source queue's history (the 10 most recent are kept). */
  private track(task: MessageMoveTask): RunningTask {
    const running: RunningTask = {
      task,
      handle: task.TaskHandle ?? '',
      rate: task.MaxNumberOfMessagesPerSecond ?? DEFAULT_RATE,
      timer: undefined,
      rateSince: Date.now(),
      movedSince: task.ApproximateNumberOfMessagesMoved,
    };
    this.history.set(task.SourceArn, [running, ...(this.history.get(task.SourceArn) ?? [])].slice(0, 10));
    return running;
  }

  /** Most recent tasks first; only the running one carries its TaskHandle, as in SQS. */
  list(sourceArn: string, maxResults = 1): MessageMoveTask[] {
    if (this.host.findQueueByArn(sourceArn) === undefined) {
      throw new SqsError(
        'ResourceNotFoundException',
        'The resource that you specified for the SourceArn parameter does not exist.',
      );
    }
    return (this.history.get(sourceArn) ?? []).slice(0, maxResults).map(({ task }) => {
      if (task.Status === 'RUNNING') return { ...task };
      const { TaskHandle: _omitted, ...rest } = task;
      return rest;
    });
  }

  /** Stops a running task; returns how many messages it had moved. */
  cancel(handle: string): number {
    const running = [...this.history.values()].flat().find((t) => t.handle === handle);
    if (running === undefined) {
      throw new SqsError(
        'ResourceNotFoundException',
        'The resource that you specified for the TaskHandle parameter does not exist.',
      );
    }
    if (running.task.Status !== 'RUNNING') {
      throw new SqsError(
        'UnsupportedOperation',
        `Only active tasks can be cancelled; this one is ${running.task.Status}.`,
      );
    }
    clearTimeout(running.timer);
    this.finish(running, 'CANCELLED');
    return running.task.ApproximateNumberOfMessagesMoved;
  }

  close(): void {
    for (const running of [...this.history.values()].flat()) clearTimeout(running.timer);
  }

  private schedule(running: RunningTask, delayMs: number): void {
    running.timer = setTimeout(() => this.tick(running), delayMs);
    // A move task alone must not keep a process alive that is otherwise done.
    running.timer.unref();
  }

  private tick(running: RunningTask): void {
    const { task } = running;
    if (task.Status !== 'RUNNING') return;
    const source = this.host.findQueueByArn(task.SourceArn);
    if (source === undefined) {
      this.finish(running, 'FAILED', 'The source queue was deleted.');
      return;
    }
    const elapsedSeconds = (Date.now() - running.rateSince) / 1000;
    // A budget counted from the (re)start keeps the average at or under the rate, whatever the timer jitter.
    const budget =
      Math.floor(running.rate * elapsedSeconds) +
      1 -
      (task.ApproximateNumberOfMessagesMoved - running.movedSince);
    const candidates = this.host.movableMessages(source);
    for (const message of candidates.slice(0, Math.max(0, budget))) {
      const destinationArn = task.DestinationArn ?? message.deadLetterSourceArn;
      const destination = destinationArn === undefined ? undefined : this.host.findQueueByArn(destinationArn);
      if (destination === undefined) {
        const reason = `AWS.SimpleQueueService.NonExistentQueue: no destination for message ${message.messageId}.`;
        this.finish(running, 'FAILED', reason);
        return;
      }
      try {
        this.host.moveMessage(source, message, destination);
      } catch (error) {
        this.finish(running, 'FAILED', errorMessage(error));
        return;
      }
      task.ApproximateNumberOfMessagesMoved += 1;
    }
    if (candidates.length <= Math.max(0, budget)) {
      this.finish(running, 'COMPLETED');
      return;
    }
    this.host.saveTask(task);
    this.schedule(running, TICK_MS);
  }

  private finish(running: RunningTask, status: MoveTaskStatus, failureReason?: string): void {
    running.task.Status = status;
    if (failureReason !== undefined) running.task.FailureReason = failureReason;
    this.host.saveTask(running.task);
  }
}
