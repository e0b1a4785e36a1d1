import type { TaskRecord } from '../../functions/shared/task-record';
import { TaskStore } from '../../functions/shared/task-store';
import { requireOutput } from '../channels';
import { ExitCode, OperationError } from '../errors';
import { oneLine, toJson } from '../output/format';
import { renderFields, renderTable } from '../output/table';
import type { CommandContext, CommandRunner } from './command';

function render(record: TaskRecord): string {
  const fields: Array<readonly [string, string]> = [
    ['task', record.taskId],
    ['type', record.type],
    ['status', record.status],
    ['attempts', String(record.attempts)],
    ['correlation id', record.correlationId],
    ['created', record.createdAt],
    ['updated', record.updatedAt],
  ];
  if (record.result !== undefined) fields.push(['result', oneLine(record.result)]);
  if (record.error !== undefined) fields.push(['error', `${record.error.code}: ${record.error.message}`]);
  if (record.lastError !== undefined) fields.push(['last error', record.lastError]);
  const history = renderTable(
    [{ heading: 'AT' }, { heading: 'EVENT' }, { heading: 'ATTEMPT', align: 'right' }, { heading: 'MESSAGE' }],
    (record.history ?? []).map((entry) => [
      entry.at,
      entry.event,
      entry.attempt === undefined ? '' : String(entry.attempt),
      entry.message ?? '',
    ]),
  );
  return `${renderFields(fields)}\n${history}`;
}

async function getTask(context: CommandContext): Promise<number> {
  const taskId = context.args[0] ?? '';
  const tableName = requireOutput(context.target, 'TaskTableName');
  // Straight from the table rather than through GET /tasks: operators have IAM access to it,
  // and the record shows what the API leaves out (history, last error, lease).
  const record = await new TaskStore(context.clients.dynamoDb, tableName).get(taskId);
  if (record === undefined) {
    throw new OperationError(
      `no task ${taskId} in ${tableName}`,
      'check the id (the taskId of the POST /tasks answer) and that you are on the right stack (--local, --stack)',
    );
  }
  context.io.stdout(context.json ? toJson(record) : render(record));
  return ExitCode.ok;
}

/** Runs `switchyard tasks get <taskId>`. */
export const tasksGet: CommandRunner = {
  run: getTask,
};
