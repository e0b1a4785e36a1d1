import type { ConsoleDependencies } from '../console-dependencies';
import { sendJson } from '../http-answers';
import type { Route } from '../router';

/** `GET /api/overview` (the newest sample) and its live stream. */
export function overviewRoutes({ sampler, streams }: ConsoleDependencies): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/overview',
      handle: async ({ response }) => sendJson(response, 200, await sampler.latest()),
    },
    {
      method: 'GET',
      path: '/api/overview/stream',
      handle: ({ request, response }) => {
        const stream = streams.start(request, response);
        stream.send('history', sampler.history());
        stream.onClose(sampler.subscribe((sample) => stream.send('overview', sample)));
      },
    },
  ];
}
