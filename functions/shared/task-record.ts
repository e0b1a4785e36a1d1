/** The lifecycle of a task: ACCEPTED -> PROCESSING -> SUCCEEDED | FAILED. */
/** Every status a task goes through, in order. */
export const TASK_STATUSES = ['ACCEPTED', 'PROCESSING', 'SUCCEEDED', 'FAILED'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const FINAL_TASK_STATUSES: ReadonlySet<TaskStatus> = new Set(['SUCCEEDED', 'FAILED']);

export type TaskErrorCode = 'NON_RETRYABLE' | 'RETRIES_EXHAUSTED' | 'INVALID_TASK';

export interface TaskError {
  readonly code: TaskErrorCode;
  readonly message: string;
}

/** One step in a task's life, kept in its record so the flow timeline can show every change. */
export interface TaskHistoryEntry {
  readonly event: 'ACCEPTED' | 'STARTED' | 'RETRYING' | 'SUCCEEDED' | 'FAILED' | 'REDRIVEN';
  /** ISO-8601 time. */
  readonly at: string;
  /** The attempt that ended (RETRYING, SUCCEEDED, FAILED). */
  readonly attempt?: number;
  /** Why the attempt failed (RETRYING, FAILED), or what restarted the task (REDRIVEN). */
  readonly message?: string;
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
  /** Every state change, oldest first. */
  readonly history: readonly TaskHistoryEntry[];
  /** Set once the task.succeeded / task.failed event is on the bus. */
  readonly outcomePublished?: boolean;
  /**
   * ISO-8601 time the task's last delivery went to the DLQ while an attempt was still running:
   * no delivery follows, so that attempt settles the task instead of leaving it for a retry.
   * Cleared when a redriven message starts a new attempt.
   */
  readonly deadLetteredAt?: string;
  /**
   * The SQS message id of the delivery that started the latest attempt: only that message's
   * last delivery may mark the attempt dead-lettered (another message has receives of its own).
   */
  readonly lastMessageId?: string;
  /**
   * Every SQS message id that started an attempt. A message that has run the task once never
   * restarts it (two redriven copies must not take turns restarting it).
   */
  readonly runMessageIds?: ReadonlySet<string>;
}
