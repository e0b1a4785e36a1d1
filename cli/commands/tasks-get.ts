import { ExitCode } from '../errors';
import { getTaskRecord, type TaskRecord } from '../operations/get-task-record';
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
  const record = await getTaskRecord(context, { taskId: context.args[0] ?? '' });
  context.io.stdout(context.json ? toJson(record) : render(record));
  return ExitCode.ok;
}

/** Runs `switchyard tasks get <taskId>`. */
export const tasksGet: CommandRunner = {
  run: getTask,
};
