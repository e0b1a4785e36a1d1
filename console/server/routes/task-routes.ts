import { requireOutput } from '../../../cli/channels';
import { getTaskRecord } from '../../../cli/operations';
import { TASK_STATUSES } from '../../../functions/shared/task-record';
import type { TaskDetail, TaskList } from '../../api-types';
import type { ConsoleDependencies } from '../console-dependencies';
import { badRequest } from '../errors';
import { sendJson } from '../http-answers';
import type { Route } from '../router';
import { recentTasks } from '../task-scan';
import { asConsoleError } from './operation-errors';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

function listQuery(url: URL): { status?: string; limit: number } {
  const status = url.searchParams.get('status') ?? '';
  if (status !== '' && !(TASK_STATUSES as readonly string[]).includes(status)) {
    throw badRequest(`status must be one of ${TASK_STATUSES.join(', ')} (given ${status})`);
  }
  const limitText = url.searchParams.get('limit') ?? String(DEFAULT_LIMIT);
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText) || limit < 1 || limit > MAX_LIMIT) {
    throw badRequest(`limit must be an integer from 1 to ${MAX_LIMIT} (given ${limitText})`);
  }
  return { ...(status !== '' && { status }), limit };
}

/** `GET /api/tasks` (recent tasks, by a local scan) and `GET /api/tasks/{taskId}` (as `tasks get`). */
export function taskRoutes(dependencies: ConsoleDependencies): Route[] {
  const { target, clients } = dependencies;
  return [
    {
      method: 'GET',
      path: '/api/tasks',
      handle: async ({ url, response }) => {
        const query = listQuery(url);
        const list: TaskList = await recentTasks(clients, requireOutput(target, 'TaskTableName'), query);
        sendJson(response, 200, list);
      },
    },
    {
      method: 'GET',
      path: '/api/tasks/:taskId',
      handle: async ({ params, response }) => {
        const record = await getTaskRecord({ target, clients }, { taskId: params.taskId ?? '' }).catch(
          (error: unknown) => {
            throw asConsoleError(error, 'absent');
          },
        );
        // The record's bookkeeping (lease, message ids) stays out: it is the worker's, not the operator's.
        const detail: TaskDetail = {
          taskId: record.taskId,
          type: record.type,
          status: record.status,
          attempts: record.attempts,
          correlationId: record.correlationId,
          createdAt: record.createdAt,
          updatedAt: record.updatedAt,
          ...(record.result !== undefined && { result: record.result }),
          ...(record.error !== undefined && { error: record.error }),
          ...(record.lastError !== undefined && { lastError: record.lastError }),
          history: record.history,
        };
        sendJson(response, 200, detail);
      },
    },
  ];
}
