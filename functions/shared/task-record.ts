/** The lifecycle of a task: ACCEPTED -> PROCESSING -> SUCCEEDED | FAILED. */
export type TaskStatus = 'ACCEPTED' | 'PROCESSING' | 'SUCCEEDED' | 'FAILED';

export const FINAL_TASK_STATUSES: ReadonlySet<TaskStatus> = new Set(['SUCCEEDED', 'FAILED']);

export type TaskErrorCode = 'NON_RETRYABLE' | 'RETRIES_EXHAUSTED' | 'INVALID_TASK';

export interface TaskError {
  readonly code: TaskErrorCode;
  readonly message: string;
}

/** The status record kept per task in the task table. */
export interface TaskRecord {
  readonly taskId: string;
  readonly type: string;
  readonly status: TaskStatus;
  /** Processing attempts started so far. */
  readonly attempts: number;
  readonly correlationId: string;
  /** ISO-8601 times. */
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly result?: Record<string, unknown>;
  readonly error?: TaskError;
  /** The last retryable failure, kept while the task is being retried. */
  readonly lastError?: string;
  /** Epoch milliseconds until which the attempt in progress owns the task. */
  readonly leaseExpiresAt?: number;
}
