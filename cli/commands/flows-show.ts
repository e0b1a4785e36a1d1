import { getFlow, type TimelineEntry } from '../../functions/get-flow/get-flow';
import { NotFoundError, ValidationError } from '../../functions/shared/errors';
import { FlowStore } from '../../functions/shared/flow-store';
import { TaskStore } from '../../functions/shared/task-store';
import { requireOutput } from '../channels';
import { ExitCode, OperationError, UsageError } from '../errors';
import { toJson } from '../output/format';
import { renderTable } from '../output/table';
import type { CommandContext, CommandRunner } from './command';

function describeEntry(entry: TimelineEntry): [string, string] {
  switch (entry.kind) {
    case 'TASK':
      return [
        `task ${entry.taskId} (${entry.taskType}) ${entry.event}`,
        [entry.attempt === undefined ? '' : `attempt ${entry.attempt}`, entry.message ?? '']
          .filter(Boolean)
          .join(': '),
      ];
    case 'EVENT_PUBLISHED':
      return [
        `${entry.type} published by ${entry.source}`,
        `event ${entry.eventId}${entry.replayName ? ` (replay ${entry.replayName})` : ''}`,
      ];
    case 'EVENT_CONSUMED':
      return [`${entry.type} ${entry.outcome} by ${entry.subscription}`, `event ${entry.eventId}`];
  }
}

async function showFlow(context: CommandContext): Promise<number> {
  const correlationId = context.args[0];
  const { dynamoDb } = context.clients;
  // The same merge the GET /flows route answers with, so the CLI and the API never disagree.
  const stores = {
    tasks: new TaskStore(dynamoDb, requireOutput(context.target, 'TaskTableName')),
    flows: new FlowStore(dynamoDb, requireOutput(context.target, 'FlowTableName')),
  };
  try {
    const flow = await getFlow(stores, correlationId);
    if (context.json) {
      context.io.stdout(toJson(flow));
      return ExitCode.ok;
    }
    context.io.stdout(
      renderTable(
        [{ heading: 'AT' }, { heading: 'KIND' }, { heading: 'WHAT' }, { heading: 'DETAIL' }],
        flow.timeline.map((entry) => [entry.at, entry.kind, ...describeEntry(entry)]),
      ),
    );
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new UsageError(
        `invalid correlation id ${correlationId}`,
        'a correlation id is 1 to 128 of A-Z a-z 0-9 . _ : - (the X-Correlation-Id of a response)',
      );
    }
    if (error instanceof NotFoundError) {
      throw new OperationError(
        `no flow has correlation id ${correlationId}`,
        'check the id (the X-Correlation-Id response header) and the stack (--local, --stack); flows are kept 30 days',
      );
    }
    throw error;
  }
}

/** Runs `switchyard flows show <correlationId>`. */
export const flowsShow: CommandRunner = {
  run: showFlow,
};
