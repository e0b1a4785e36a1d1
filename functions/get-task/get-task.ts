import { errorSummary } from '../../common/error-summary';
import { NotFoundError, ServiceUnavailableError, ValidationError } from '../shared/errors';
import { logger } from '../shared/observability';
import type { TaskRecord } from '../shared/task-record';
import type { TaskStore } from '../shared/task-store';

/** The public view of a task: the record without its internal bookkeeping. */
export type TaskView = Pick<
  TaskRecord,
  'taskId' | 'type' | 'status' | 'attempts' | 'createdAt' | 'updatedAt' | 'result' | 'error'
>;

const TASK_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

export const getTask = async (store: TaskStore, taskId: string | undefined): Promise<TaskView> => {
  if (taskId === undefined || !TASK_ID_PATTERN.test(taskId)) {
    throw new ValidationError('Invalid task id', [
      { path: 'taskId', message: 'must be 1 to 64 of A-Z a-z 0-9 -' },
    ]);
  }
  const record = await store.get(taskId).catch((error: unknown) => {
    logger.error('Could not read the task record', { taskId, error: errorSummary(error) });
    throw new ServiceUnavailableError('The task store is unavailable; try again later', undefined, {
      cause: error,
    });
  });
  if (!record) throw new NotFoundError(`Task ${taskId} does not exist`);
  const { type, status, attempts, createdAt, updatedAt, result, error } = record;
  return { taskId, type, status, attempts, createdAt, updatedAt, result, error };
};
