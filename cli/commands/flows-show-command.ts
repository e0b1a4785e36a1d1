import type { Command } from './command';

/** `switchyard flows show <correlationId>`. */
export const flowsShowCommand: Command = {
  path: ['flows', 'show'],
  args: ['correlationId'],
  options: [],
  summary: 'the timeline of one flow: task state changes, events published and consumed',
  help: `Usage: switchyard flows show <correlationId> [--json]

Merges the task records of the correlation id (the task table's byCorrelationId index) with its
flow items (the flow table), in time order, as GET /flows/{correlationId} does. Exit code 1 when
nothing carried that id.

--json: {"correlationId", "timeline": [entry]} where entry is one of
{"kind": "TASK", "taskId", "taskType", "event", "at", "attempt"?, "message"?},
{"kind": "EVENT_PUBLISHED", "eventId", "type", "source", "at", "replayName"?},
{"kind": "EVENT_CONSUMED", "eventId", "type", "subscription", "outcome", "at"}`,
  load: () => (require('./flows-show') as typeof import('./flows-show')).flowsShow,
};
