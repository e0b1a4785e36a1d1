import type { TaskRecord } from '../../functions/shared/task-record';
import { TaskStore } from '../../functions/shared/task-store';
import { requireOutput } from '../channels';
import { ExitCode, OperationError } from '../errors';
import { oneLine, toJson } from '../output/format';
import { renderFields, renderTable } from '../output/table';
import type { Command, CommandContext } from './command';

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

/** `switchyard tasks get <taskId>`. */
export const tasksGetCommand: Command = {
  path: ['tasks', 'get'],
  args: ['taskId'],
  options: [],
  summary: "a task's status record, with its attempt history",
  help: `Usage: switchyard tasks get <taskId> [--json]

Reads the task's status record from the task table (DynamoDB GetItem, strongly consistent):
status, attempts, result or error, the last retryable error and every state change.
Exit code 1 when there is no such task.

--json: the record as stored: {"taskId", "type", "status", "attempts", "correlationId",
"createdAt", "updatedAt", "result"?, "error"? ({"code", "message"}), "lastError"?,
"leaseExpiresAt"?, "outcomePublished"?, "deadLetteredAt"?, "lastMessageId"?, "runMessageIds"? (array),
"history": [{"event",
"at", "attempt"?, "message"?}]}; history events are ACCEPTED, STARTED, RETRYING, SUCCEEDED, FAILED
and REDRIVEN.`,
  run: getTask,
};
