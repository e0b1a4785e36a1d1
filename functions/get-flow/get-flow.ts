import { errorSummary } from '../../common/error-summary';
import { CORRELATION_ID_PATTERN } from '../api-contract/identifier-patterns';
import { NotFoundError, ServiceUnavailableError, ValidationError } from '../shared/errors';
import type { FlowItem, FlowStore } from '../shared/flow-store';
import { logger } from '../shared/observability';
import type { TaskHistoryEntry } from '../shared/task-record';
import type { TaskStore } from '../shared/task-store';

/** One line of a flow's timeline. */
export type TimelineEntry =
  | ({ readonly kind: 'TASK'; readonly taskId: string; readonly taskType: string } & TaskHistoryEntry)
  | FlowItem;

export interface FlowView {
  readonly correlationId: string;
  readonly timeline: readonly TimelineEntry[];
}

/**
 * The story of one request, end to end: each task's state changes, every event published and
 * every subscription that consumed one, in time order.
 */
export const getFlow = async (
  stores: { readonly tasks: TaskStore; readonly flows: FlowStore },
  correlationId: string | undefined,
): Promise<FlowView> => {
  if (correlationId === undefined || !CORRELATION_ID_PATTERN.test(correlationId)) {
    throw new ValidationError('Invalid correlation id', [
      { path: 'correlationId', message: 'must be 1 to 128 characters of A-Z a-z 0-9 . _ : -' },
    ]);
  }
  const [tasks, items] = await Promise.all([
    stores.tasks.listByCorrelationId(correlationId),
    stores.flows.list(correlationId),
  ]).catch((error: unknown) => {
    logger.error('Could not read the flow', { correlationId, error: errorSummary(error) });
    throw new ServiceUnavailableError('The flow store is unavailable; try again later', undefined, {
      cause: error,
    });
  });
  const timeline: TimelineEntry[] = [
    ...tasks.flatMap((task) =>
      (task.history ?? []).map((entry) => ({
        kind: 'TASK' as const,
        taskId: task.taskId,
        taskType: task.type,
        ...entry,
      })),
    ),
    ...items,
  ];
  if (timeline.length === 0) throw new NotFoundError(`No flow has correlation id ${correlationId}`);
  // A stable sort keeps same-instant entries in the order they were gathered (tasks first).
  timeline.sort((a, b) => a.at.localeCompare(b.at));
  return { correlationId, timeline };
};
