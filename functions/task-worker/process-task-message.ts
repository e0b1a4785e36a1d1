import { errorSummary } from '../../common/error-summary';
import { type ErrorDetail } from '../shared/errors';
import { countMetric, logger } from '../shared/observability';
import { type TaskMessage, taskMessageSchema } from '../shared/task-message';
import type { TaskError, TaskRecord } from '../shared/task-record';
import { type ClaimOutcome, isRestartableBy, type TaskStore } from '../shared/task-store';
import { issuesToDetails } from '../shared/validation';
import {
  findTaskType,
  NonRetryableTaskError,
  RetryableTaskError,
  type TaskType,
  type TaskTypeSettings,
} from '../task-types';
import { outcomeOfRecord, type TaskOutcomePublisher } from './task-outcome-publisher';

/** One task message as delivered, stripped of the transport's event types. */
export interface DeliveredTaskMessage {
  readonly messageId: string;
  readonly body: string;
  /** The `taskId` message attribute, which still names the task when the body is unreadable. */
  readonly taskIdAttribute?: string;
  /** SQS's ApproximateReceiveCount: 1 on the first delivery. */
  readonly receiveCount: number;
}

export interface TaskWorkerDependencies {
  readonly store: TaskStore;
  readonly outcomes: TaskOutcomePublisher;
  readonly settings: TaskTypeSettings;
  /** Receives after which the queue dead-letters the message (the redrive policy's value). */
  readonly maxReceiveCount: number;
  readonly now: () => number;
  /** How long this attempt may own the task: the invocation's remaining time. */
  readonly leaseMs: () => number;
}

/**
 * Runs one delivered task. Returning means the message is done (succeeded, failed for good, or
 * a duplicate of a finished task); throwing reports it as a batch item failure, so SQS delivers
 * it again and, after `maxReceiveCount` receives, moves it to the DLQ.
 */
export const processTaskMessage = async (
  delivered: DeliveredTaskMessage,
  deps: TaskWorkerDependencies,
): Promise<void> => {
  const message = parseMessage(delivered.body);
  const taskId = message?.taskId ?? delivered.taskIdAttribute;
  const log = { messageId: delivered.messageId, taskId, correlationId: message?.correlationId };
  if (!taskId) {
    logger.error('Dropping a task message that names no task', log);
    return;
  }

  const claim = await claimTask(taskId, delivered, deps, log);
  switch (claim.kind) {
    case 'missing':
      logger.error('Dropping a message for a task with no status record', log);
      return;
    case 'finished':
      await settleFinishedRedelivery(claim.record, delivered, deps, log);
      return;
    case 'busy':
      throw new RetryableTaskError(`Task ${taskId} is being processed by another invocation`);
  }
  const attempt = new ClaimedAttempt(claim.record, deps);
  if (claim.redriven) {
    logger.info('Task restarted by a redriven message after its retries ran out', {
      ...log,
      attempt: attempt.number,
    });
  }
  const runnable = runnableTask(message, log);
  if ('invalid' in runnable) {
    await attempt.fail({ code: 'INVALID_TASK', message: runnable.invalid });
    return;
  }
  let result: Record<string, unknown>;
  try {
    result = await runnable.taskType.process(
      runnable.payload,
      { taskId, correlationId: runnable.message.correlationId, attempt: attempt.number },
      deps.settings,
    );
  } catch (error) {
    if (await settleFailedAttempt(error, attempt, delivered, deps, log)) throw error;
    return;
  }
  await attempt.succeed(result, log);
};

/**
 * A redelivery of a finished task runs nothing; it only makes sure the task's outcome is on the
 * bus. A redriven message for a task whose last failure was not yet published publishes it
 * first, then comes back to run the task.
 */
const settleFinishedRedelivery = async (
  record: TaskRecord,
  delivered: DeliveredTaskMessage,
  deps: TaskWorkerDependencies,
  log: Record<string, unknown>,
): Promise<void> => {
  logger.info('Skipping redelivery of a finished task', { ...log, status: record.status });
  if (record.outcomePublished) return;
  await deps.outcomes.publish(outcomeOfRecord(record));
  if (isRestartableBy({ ...record, outcomePublished: true }, delivered.messageId)) {
    // A redrive of a task whose failure was not yet on the bus: that comes first.
    throw new RetryableTaskError(
      `Task ${record.taskId}: published its last failure; the redrive runs it next`,
    );
  }
};

/** The attempt this delivery claimed, and how it ends: recorded, counted and published. */
class ClaimedAttempt {
  readonly number: number;
  readonly taskId: string;

  constructor(
    private readonly record: TaskRecord,
    private readonly deps: TaskWorkerDependencies,
  ) {
    this.number = record.attempts;
    this.taskId = record.taskId;
  }

  async fail(error: TaskError): Promise<void> {
    const { taskId, type: taskType, correlationId } = this.record;
    await this.deps.store.fail(taskId, this.number, error, this.deps.now());
    countMetric('TasksFailed', { taskType });
    await this.deps.outcomes.publish({
      taskId,
      taskType,
      attempts: this.number,
      correlationId,
      status: 'FAILED',
      error,
    });
  }

  async succeed(result: Record<string, unknown>, log: Record<string, unknown>): Promise<void> {
    const { taskId, type: taskType, correlationId } = this.record;
    await this.deps.store.succeed(taskId, this.number, result, this.deps.now());
    countMetric('TasksSucceeded', { taskType });
    logger.info('Task succeeded', { ...log, attempt: this.number });
    await this.deps.outcomes.publish({
      taskId,
      taskType,
      attempts: this.number,
      correlationId,
      status: 'SUCCEEDED',
      result,
    });
  }
}

type RunnableTask =
  | { readonly message: TaskMessage; readonly taskType: TaskType; readonly payload: unknown }
  | { readonly invalid: string };

/** The message's task type and validated payload, or why the task cannot run at all. */
const runnableTask = (message: TaskMessage | undefined, log: Record<string, unknown>): RunnableTask => {
  if (!message) {
    logger.error('Task message body is not a valid task envelope', log);
    return { invalid: 'The task message could not be read' };
  }
  const taskType = findTaskType(message.type);
  const payload = taskType?.payloadSchema.safeParse(message.payload);
  if (!taskType || !payload?.success) {
    const details: ErrorDetail[] =
      payload?.success === false ? issuesToDetails(payload.error.issues, ['payload']) : [];
    const reason = taskType
      ? `Invalid payload: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`
      : `Unknown task type ${message.type}`;
    logger.error('Task cannot be processed', { ...log, reason });
    return { invalid: reason };
  }
  return { message, taskType, payload: payload.data };
};

/**
 * A processor threw. A non-retryable error fails the task at once, and the message is done
 * (false). Otherwise the message goes back (true): on the last delivery, or when that delivery
 * already went to the DLQ, the task fails with its retries exhausted; else the attempt is
 * released for the next delivery.
 */
const settleFailedAttempt = async (
  error: unknown,
  attempt: ClaimedAttempt,
  delivered: DeliveredTaskMessage,
  deps: TaskWorkerDependencies,
  log: Record<string, unknown>,
): Promise<boolean> => {
  const { message: reason } = errorSummary(error);
  const details = { ...log, attempt: attempt.number, reason };
  if (error instanceof NonRetryableTaskError) {
    logger.warn('Task failed and will not be retried', details);
    await attempt.fail({ code: 'NON_RETRYABLE', message: reason });
    return false;
  }
  if (delivered.receiveCount >= deps.maxReceiveCount) {
    logger.error('Task failed on its last attempt; the message goes to the DLQ', details);
    await attempt.fail({ code: 'RETRIES_EXHAUSTED', message: reason });
  } else if (
    (await deps.store.release(attempt.taskId, attempt.number, reason, deps.now())) === 'dead-lettered'
  ) {
    logger.error('Task failed after its last delivery went to the DLQ; it will not be retried', details);
    await attempt.fail({ code: 'RETRIES_EXHAUSTED', message: reason });
  } else {
    logger.warn('Task failed and will be retried', details);
  }
  return true;
};

/**
 * Claims the task for this delivery. A last delivery (the next failure sends it to the DLQ)
 * that finds the task busy marks the running attempt, which then settles the task instead of
 * waiting for a retry; if that attempt has just released the task, this delivery takes it.
 */
const claimTask = async (
  taskId: string,
  delivered: DeliveredTaskMessage,
  deps: TaskWorkerDependencies,
  log: Record<string, unknown>,
): Promise<ClaimOutcome> => {
  const claimNow = () => deps.store.claim(taskId, deps.now(), deps.leaseMs(), delivered.messageId);
  const claim = await claimNow();
  if (claim.kind !== 'busy' || delivered.receiveCount < deps.maxReceiveCount) return claim;
  if (await deps.store.markDeadLettered(taskId, claim.record.attempts, deps.now(), delivered.messageId)) {
    logger.error('Last delivery found the task still running; the message goes to the DLQ', log);
    return claim;
  }
  return claimNow();
};

const parseMessage = (body: string): TaskMessage | undefined => {
  try {
    const parsed = taskMessageSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};
