import {
  IdempotencyAlreadyInProgressError,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
import { errorSummary } from '../../common/error-summary';
import { ConflictError, ServiceUnavailableError, ValidationError } from '../shared/errors';
import { countMetric, logger } from '../shared/observability';
import type { TaskQueue } from '../shared/task-queue';
import type { TaskRecord } from '../shared/task-record';
import type { TaskStore } from '../shared/task-store';
import { issuesToDetails } from '../shared/validation';
import {
  findTaskType,
  type SubmitTaskBody,
  submitTaskBodySchema,
  type TaskTypeSettings,
} from '../task-types';

/** A request to run a task, as the route hands it over. */
export interface SubmitTaskRequest {
  /** The parsed JSON body, not yet validated. */
  readonly body: unknown;
  readonly correlationId: string;
  /** The caller's `Idempotency-Key`, if any. */
  readonly idempotencyKey?: string;
  /** Who is calling (the IAM principal); idempotency keys are scoped to the caller. */
  readonly caller: string;
}

/** What ingest answers for an accepted task. */
export interface AcceptedTask {
  readonly taskId: string;
  readonly type: string;
  readonly status: 'ACCEPTED';
  readonly acceptedAt: string;
}

/** The part of a submission that runs at most once per idempotency key. */
export interface AcceptTaskInput {
  /** Caller-scoped idempotency key; absent when the caller sent none. */
  readonly idempotencyKey?: string;
  /** The validated body: the idempotency layer hashes it to tell a replay from a conflict. */
  readonly task: SubmitTaskBody;
  readonly correlationId: string;
}

export type AcceptTask = (input: AcceptTaskInput) => Promise<AcceptedTask>;

export interface TaskSubmitterDependencies {
  readonly store: TaskStore;
  readonly queue: TaskQueue;
  readonly newTaskId: () => string;
  readonly now: () => number;
}

/** Validates the body against its task type's schema and deployment policy. */
export const validateSubmission = (body: unknown, settings: TaskTypeSettings): SubmitTaskBody => {
  const parsed = submitTaskBodySchema.safeParse(body);
  if (!parsed.success) {
    throw new ValidationError(
      'Request body does not match the task schema',
      issuesToDetails(parsed.error.issues),
    );
  }
  const taskType = findTaskType(parsed.data.type);
  const issues = taskType?.admissionIssues?.(parsed.data.payload, settings) ?? [];
  if (issues.length > 0) {
    throw new ValidationError(
      'Task payload is not allowed',
      issues.map((issue) => ({ ...issue, path: `payload.${issue.path}` })),
    );
  }
  return parsed.data;
};

/**
 * Persists the status record, then enqueues the task. If the send fails the record is removed
 * again, so no record claims ACCEPTED for a task that was never queued, and the failure
 * propagates (the idempotency layer then forgets the key, so a retry starts afresh).
 */
export const createAcceptTask =
  ({ store, queue, newTaskId, now }: TaskSubmitterDependencies): AcceptTask =>
  async ({ task, correlationId }) => {
    const acceptedAt = new Date(now()).toISOString();
    const record: TaskRecord = {
      taskId: newTaskId(),
      type: task.type,
      status: 'ACCEPTED',
      attempts: 0,
      correlationId,
      createdAt: acceptedAt,
      updatedAt: acceptedAt,
      history: [{ event: 'ACCEPTED', at: acceptedAt }],
    };
    try {
      await store.create(record);
    } catch (error) {
      logger.error('Could not persist the task record', {
        taskId: record.taskId,
        error: errorSummary(error),
      });
      throw new ServiceUnavailableError('The task store is unavailable; try again later', undefined, {
        cause: error,
      });
    }
    try {
      await queue.send({
        taskId: record.taskId,
        type: task.type,
        payload: task.payload,
        correlationId,
        acceptedAt,
      });
    } catch (error) {
      logger.error('Could not enqueue the task', { taskId: record.taskId, error: errorSummary(error) });
      await store.remove(record.taskId).catch((removeError: unknown) =>
        // Left behind, the record stays ACCEPTED with no message: loud, so an operator can act.
        logger.critical('Could not remove the record of a task that was never queued', {
          taskId: record.taskId,
          error: errorSummary(removeError),
        }),
      );
      throw new ServiceUnavailableError('The task queue is unavailable; try again later', undefined, {
        cause: error,
      });
    }
    countMetric('TasksAccepted', { taskType: task.type });
    return { taskId: record.taskId, type: record.type, status: 'ACCEPTED', acceptedAt };
  };

/**
 * Validates a submission and accepts it, at most once per idempotency key: the same key with
 * the same body answers the first task; with another body, or while the first request is
 * still running, it is a conflict.
 */
export const submitTask = async (
  request: SubmitTaskRequest,
  settings: TaskTypeSettings,
  accept: AcceptTask,
  acceptOnce: AcceptTask,
): Promise<AcceptedTask> => {
  const task = validateSubmission(request.body, settings);
  if (request.idempotencyKey === undefined) {
    return accept({ task, correlationId: request.correlationId });
  }
  try {
    return await acceptOnce({
      idempotencyKey: `${request.caller}#${request.idempotencyKey}`,
      task,
      correlationId: request.correlationId,
    });
  } catch (error) {
    if (error instanceof IdempotencyValidationError) {
      throw new ConflictError('Idempotency-Key was already used with a different request body');
    }
    if (error instanceof IdempotencyAlreadyInProgressError) {
      throw new ConflictError('A request with this Idempotency-Key is still in progress; retry shortly');
    }
    if (error instanceof ServiceUnavailableError) throw error;
    if (error instanceof Error && error.name.startsWith('Idempotency')) {
      logger.error('Idempotency store failed', { error: errorSummary(error) });
      throw new ServiceUnavailableError('The idempotency store is unavailable; try again later', undefined, {
        cause: error,
      });
    }
    throw error;
  }
};
