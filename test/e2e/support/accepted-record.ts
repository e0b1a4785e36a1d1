import type { TaskRecord } from '../../../functions/shared/task-record';

/** A status record as ingest writes it. */
export const acceptedRecord = (taskId: string, overrides: Partial<TaskRecord> = {}): TaskRecord => ({
  taskId,
  type: 'hello',
  status: 'ACCEPTED',
  attempts: 0,
  correlationId: `corr-${taskId}`,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  history: [{ event: 'ACCEPTED', at: '2026-01-01T00:00:00.000Z' }],
  ...overrides,
});
