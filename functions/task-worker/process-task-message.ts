import { errorSummary } from '../../common/error-summary';
import { type ErrorDetail } from '../shared/errors';
import { countMetric, logger } from '../shared/observability';
import { type TaskMessage, taskMessageSchema } from '../shared/task-message';
import type { TaskError } from '../shared/task-record';
import { type ClaimOutcome, isRestartableBy, type TaskStore } from '../shared/task-store';
import { issuesToDetails } from '../shared/validation';
import {
  findTaskType,
  NonRetryableTaskError,
  RetryableTaskError,
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
      logger.info('Skipping redelivery of a finished task', { ...log, status: claim.record.status });
      if (!claim.record.outcomePublished) {
        await deps.outcomes.publish(outcomeOfRecord(claim.record));
        if (isRestartableBy({ ...claim.record, outcomePublished: true }, delivered.messageId)) {
          // A redrive of a task whose failure was not yet on the bus: that comes first.
          throw new RetryableTaskError(
            `Task ${taskId}: published its last failure; the redrive runs it next`,
          );
        }
      }
      return;
    case 'busy':
      throw new RetryableTaskError(`Task ${taskId} is being processed by another invocation`);
  }
  const { attempts: attempt, type: taskTypeName, correlationId } = claim.record;
  if (claim.redriven)
    logger.info('Task restarted by a redriven message after its retries ran out', { ...log, attempt });
  const fail = async (error: TaskError) => {
    await deps.store.fail(taskId, attempt, error, deps.now());
    countMetric('TasksFailed', { taskType: taskTypeName });
    await deps.outcomes.publish({
      taskId,
      taskType: taskTypeName,
      attempts: attempt,
      correlationId,
      status: 'FAILED',
      error,
    });
  };

  if (!message) {
    logger.error('Task message body is not a valid task envelope', log);
    await fail({ code: 'INVALID_TASK', message: 'The task message could not be read' });
    return;
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
    await fail({ code: 'INVALID_TASK', message: reason });
    return;
  }

  let result: Record<string, unknown>;
  try {
    result = await taskType.process(
      payload.data,
      { taskId, correlationId: message.correlationId, attempt },
      deps.settings,
    );
  } catch (error) {
    const { message: reason } = errorSummary(error);
    if (error instanceof NonRetryableTaskError) {
      logger.warn('Task failed and will not be retried', { ...log, attempt, reason });
      await fail({ code: 'NON_RETRYABLE', message: reason });
      return;
    }
    if (delivered.receiveCount >= deps.maxReceiveCount) {
      logger.error('Task failed on its last attempt; the message goes to the DLQ', {
        ...log,
        attempt,
        reason,
      });
      await fail({ code: 'RETRIES_EXHAUSTED', message: reason });
    } else if ((await deps.store.release(taskId, attempt, reason, deps.now())) === 'dead-lettered') {
      logger.error('Task failed after its last delivery went to the DLQ; it will not be retried', {
        ...log,
        attempt,
        reason,
      });
      await fail({ code: 'RETRIES_EXHAUSTED', message: reason });
    } else {
      logger.warn('Task failed and will be retried', { ...log, attempt, reason });
    }
    throw error;
  }
  await deps.store.succeed(taskId, attempt, result, deps.now());
  countMetric('TasksSucceeded', { taskType: taskTypeName });
  logger.info('Task succeeded', { ...log, attempt });
  await deps.outcomes.publish({
    taskId,
    taskType: taskTypeName,
    attempts: attempt,
    correlationId,
    status: 'SUCCEEDED',
    result,
  });
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
