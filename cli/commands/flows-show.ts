import { ExitCode } from '../errors';
import { showFlow, type TimelineEntry } from '../operations/show-flow';
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

async function show(context: CommandContext): Promise<number> {
  const flow = await showFlow(context, { correlationId: context.args[0] ?? '' });
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
}

/** Runs `switchyard flows show <correlationId>`. */
export const flowsShow: CommandRunner = {
  run: show,
};
