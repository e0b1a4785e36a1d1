import { paginateScan } from '@aws-sdk/lib-dynamodb';
import type { Clients } from '../../cli/target/clients';
import type { TaskSummary } from '../api-types';

/**
 * Items read at most per listing. The task table has no index by time or status (AWS needs
 * none: clients look tasks up by id); locally a scan is fine, and this bound keeps one listing
 * of a table a long benchmark filled from holding the runner's event loop for seconds.
 */
export const MAX_SCANNED_TASKS = 20_000;

/**
 * The `limit` most recently created tasks, optionally only those in `status`, newest first,
 * found by scanning the task table. `complete` is false when the table held more than
 * `MAX_SCANNED_TASKS` items, so older tasks may have been missed.
 */
export async function recentTasks(
  clients: Clients,
  tableName: string,
  query: { readonly status?: string; readonly limit: number },
): Promise<{ tasks: TaskSummary[]; complete: boolean }> {
  const newest: TaskSummary[] = [];
  let scanned = 0;
  const pages = paginateScan(
    { client: clients.dynamoDb, pageSize: 1000 },
    {
      TableName: tableName,
      ProjectionExpression: 'taskId, #type, #status, attempts, correlationId, createdAt, updatedAt',
      ExpressionAttributeNames: { '#type': 'type', '#status': 'status' },
      ...(query.status !== undefined && {
        FilterExpression: '#status = :status',
        ExpressionAttributeValues: { ':status': query.status },
      }),
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) keepNewest(newest, item as TaskSummary, query.limit);
    scanned += page.ScannedCount ?? 0;
    if (scanned >= MAX_SCANNED_TASKS) return { tasks: newest, complete: false };
  }
  return { tasks: newest, complete: true };
}

/** Inserts `task` into `newest` (sorted newest first) if it is among the `limit` newest. */
function keepNewest(newest: TaskSummary[], task: TaskSummary, limit: number): void {
  const position = newest.findIndex((kept) => kept.createdAt < task.createdAt);
  if (position === -1) {
    if (newest.length < limit) newest.push(task);
    return;
  }
  newest.splice(position, 0, task);
  if (newest.length > limit) newest.pop();
}
