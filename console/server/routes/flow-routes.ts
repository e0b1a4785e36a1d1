import { showFlow } from '../../../cli/operations';
import type { FlowTimeline } from '../../api-types';
import type { ConsoleDependencies } from '../console-dependencies';
import { sendJson } from '../http-answers';
import type { Route } from '../router';
import { asConsoleError } from './operation-errors';

/** `GET /api/flows/{correlationId}`: the timeline `switchyard flows show` prints. */
export function flowRoutes({ target, clients }: ConsoleDependencies): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/flows/:correlationId',
      handle: async ({ params, response }) => {
        const flow: FlowTimeline = await showFlow(
          { target, clients },
          { correlationId: params.correlationId ?? '' },
        ).catch((error: unknown) => {
          throw asConsoleError(error, 'absent');
        });
        sendJson(response, 200, flow);
      },
    },
  ];
}
