import type { TaskRecord } from '../../functions/shared/task-record';
import { TaskStore } from '../../functions/shared/task-store';
import { requireOutput } from '../channels';
import { OperationError } from '../errors';
import type { OperationContext } from './operation-context';

export type { TaskRecord } from '../../functions/shared/task-record';

/** Which task to read. */
export interface TaskParameters {
  /** The taskId of the POST /tasks answer. */
  readonly taskId: string;
}

/**
 * A task's status record as stored, with its attempt history: what `switchyard tasks get --json`
 * prints. Read straight from the table rather than through GET /tasks: operators have IAM access
 * to it, and the record shows what the API leaves out (history, last error, lease).
 * @throws OperationError when there is no such task, or the stack has no task table.
 */
export async function getTaskRecord(
  { target, clients }: OperationContext,
  { taskId }: TaskParameters,
): Promise<TaskRecord> {
  const tableName = requireOutput(target, 'TaskTableName');
  const record = await new TaskStore(clients.dynamoDb, tableName).get(taskId);
  if (record === undefined) {
    throw new OperationError(
      `no task ${taskId} in ${tableName}`,
      'check the id (the taskId of the POST /tasks answer) and that you are on the right stack (--local, --stack)',
    );
  }
  return record;
}
