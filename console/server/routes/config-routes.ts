import { channelsOf } from '../../../cli/channels';
import { TASK_STATUSES } from '../../../functions/shared/task-record';
import { LOG_LEVELS } from '../../../local/lambda';
import type { ConsoleConfig } from '../../api-types';
import type { ConsoleDependencies } from '../console-dependencies';
import { sendJson } from '../http-answers';
import type { Route } from '../router';

/** `GET /api/config`: channels, functions and rules, derived from the stack as the CLI derives them. */
export function configRoutes(dependencies: ConsoleDependencies): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/config',
      handle: ({ response }) => {
        const { target } = dependencies;
        const config: ConsoleConfig = {
          stackName: target.stackName,
          region: target.region,
          apiUrl: dependencies.apiUrl,
          channels: channelsOf(target).map(({ name, kind }) => ({ name, kind })),
          functions: dependencies.functionNames(),
          rules: dependencies.rules(),
          taskStatuses: TASK_STATUSES,
          logLevels: LOG_LEVELS,
        };
        sendJson(response, 200, config);
      },
    },
  ];
}
