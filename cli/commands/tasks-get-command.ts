import type { Command } from './command';

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
  load: () => (require('./tasks-get') as typeof import('./tasks-get')).tasksGet,
};
