import { TASK_EVENT_SOURCE, taskFailedEvent, taskSucceededEvent } from '../event-types';
import type { EventPublisher } from '../shared/event-publisher';
import type { TaskError, TaskRecord } from '../shared/task-record';
import type { TaskStore } from '../shared/task-store';
import { RetryableTaskError } from '../task-types';

/** A task's final state, as its outcome event reports it. */
export type TaskOutcome = {
  readonly taskId: string;
  readonly taskType: string;
  readonly attempts: number;
  readonly correlationId: string;
} & (
  | { readonly status: 'SUCCEEDED'; readonly result: Record<string, unknown> }
  | { readonly status: 'FAILED'; readonly error: TaskError }
);

/** The outcome of a finished record (for redeliveries that find the event still unpublished). */
export const outcomeOfRecord = (record: TaskRecord): TaskOutcome => {
  const common = {
    taskId: record.taskId,
    taskType: record.type,
    attempts: record.attempts,
    correlationId: record.correlationId,
  };
  return record.status === 'SUCCEEDED'
    ? { ...common, status: 'SUCCEEDED', result: record.result ?? {} }
    : {
        ...common,
        status: 'FAILED',
        error: record.error ?? { code: 'NON_RETRYABLE', message: 'Unknown error' },
      };
};

/**
 * Publishes `task.succeeded` / `task.failed` once the record is final. The event id is derived
 * from the task (and for a failure from the attempt that ended it, since a redriven task can
 * fail again), so a re-publish after a failed attempt carries the same id and consumers drop
 * the duplicate. A publish failure is retryable: the message comes back, finds the task
 * finished but unpublished, and publishes again.
 */
export class TaskOutcomePublisher {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly store: TaskStore,
  ) {}

  async publish(outcome: TaskOutcome): Promise<void> {
    const { taskId, taskType, attempts, correlationId } = outcome;
    const [result] = await this.publisher.publish([
      outcome.status === 'SUCCEEDED'
        ? {
            source: TASK_EVENT_SOURCE,
            type: taskSucceededEvent.name,
            eventId: `${taskId}:succeeded`,
            correlationId,
            data: { taskId, taskType, attempts, result: outcome.result },
          }
        : {
            source: TASK_EVENT_SOURCE,
            type: taskFailedEvent.name,
            // A redriven task can fail again: each failure is its own event.
            eventId: `${taskId}:failed:${attempts}`,
            correlationId,
            data: { taskId, taskType, attempts, error: outcome.error },
          },
    ]);
    if (result?.status !== 'PUBLISHED') {
      throw new RetryableTaskError(
        `Task ${taskId} is ${outcome.status} but its outcome event could not be published (${result?.status === 'FAILED' ? result.error.code : 'no answer'})`,
      );
    }
    await this.store.markOutcomePublished(taskId, attempts);
  }
}
