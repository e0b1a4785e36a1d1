import type { TaskRecord } from '../../../../../functions/shared/task-record';

/** A task that failed for good after two attempts, with its history. */
export const failedTaskRecord = (overrides: Partial<TaskRecord> = {}): TaskRecord => ({
  taskId: 't-1',
  type: 'webhook.deliver',
  status: 'FAILED',
  attempts: 2,
  correlationId: 'c-1',
  createdAt: '2026-11-29T15:00:00.000Z',
  updatedAt: '2026-11-29T15:00:09.000Z',
  error: { code: 'RETRIES_EXHAUSTED', message: 'HTTP 503 from hooks.example.com' },
  history: [
    { event: 'ACCEPTED', at: '2026-11-29T15:00:00.000Z' },
    { event: 'STARTED', at: '2026-11-29T15:00:01.000Z' },
    {
      event: 'RETRYING',
      at: '2026-11-29T15:00:02.000Z',
      attempt: 1,
      message: 'HTTP 500 from hooks.example.com',
    },
    {
      event: 'FAILED',
      at: '2026-11-29T15:00:09.000Z',
      attempt: 2,
      message: 'HTTP 503 from hooks.example.com',
    },
  ],
  ...overrides,
});
