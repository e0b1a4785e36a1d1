import { LOG_LEVELS, type LogLevel } from '../../../local/lambda';
import type { ConsoleDependencies } from '../console-dependencies';
import { badRequest } from '../errors';
import type { LogFilter } from '../log-feed';
import type { Route } from '../router';

function logFilter(url: URL, functionNames: readonly string[]): LogFilter {
  const functionName = url.searchParams.get('function') || undefined;
  if (functionName !== undefined && !functionNames.includes(functionName)) {
    throw badRequest(`no function ${functionName}; the stack has ${functionNames.join(', ')}`);
  }
  const level = url.searchParams.get('level')?.toUpperCase() || undefined;
  if (level !== undefined && !(LOG_LEVELS as readonly string[]).includes(level)) {
    throw badRequest(`level must be one of ${LOG_LEVELS.join(', ')} (given ${level})`);
  }
  const correlationId = url.searchParams.get('correlationId') || undefined;
  return {
    ...(functionName !== undefined && { functionName }),
    ...(level !== undefined && { minLevel: level as LogLevel }),
    ...(correlationId !== undefined && { correlationId }),
  };
}

/** `GET /api/logs/stream`: `reset`, the recent function log lines, then each new one, filtered here. */
export function logRoutes({ logs, functionNames, streams }: ConsoleDependencies): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/logs/stream',
      handle: ({ request, url, response }) => {
        const filter = logFilter(url, functionNames());
        const stream = streams.start(request, response);
        // Every connection, a browser's reconnect included, starts the page's list over.
        stream.send('reset', {});
        for (const line of logs.recentLines(filter)) stream.send('log', line);
        stream.onClose(logs.subscribe(filter, (line) => stream.send('log', line)));
      },
    },
  ];
}
