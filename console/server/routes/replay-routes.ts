import { type ReplayParameters, replayArchive } from '../../../cli/operations';
import { replayWindow } from '../../../cli/operations/replay-parameters';
import { parseTimeOption } from '../../../cli/time-option';
import { isRecord } from '../../../common/is-record';
import type { ReplayRequest, ReplayResult } from '../../api-types';
import type { ConsoleDependencies } from '../console-dependencies';
import { badRequest } from '../errors';
import { readJsonBody } from '../http-answers';
import type { Route } from '../router';
import { asConsoleError } from './operation-errors';
import { answerWithProgress } from './progress-answer';

/**
 * The request as the CLI's replay takes it: times parsed (with an offset) as `--from`/`--to`
 * are, and the window and pattern checked as the replay will check them, here, so a bad request
 * is a 400 before the progress answer starts.
 */
function replayParameters(request: ReplayRequest): ReplayParameters {
  const now = Date.now();
  try {
    const parameters = {
      from: parseTimeOption('from', request.from, now),
      to: parseTimeOption('to', request.to, now),
      ...(request.pattern !== undefined && { pattern: JSON.stringify(request.pattern) }),
    };
    // The replay checks its pattern with its window; this is that check, made before answering.
    replayWindow(parameters, now);
    return parameters;
  } catch (error) {
    throw asConsoleError(error);
  }
}

function replayRequest(body: unknown): ReplayRequest {
  if (!isRecord(body))
    throw badRequest('the body must be a JSON object with from, to and an optional pattern');
  const { from, to, pattern } = body;
  if (typeof from !== 'string' || typeof to !== 'string') {
    throw badRequest('from and to must be ISO 8601 instants, e.g. 2026-12-01T10:00:00Z');
  }
  const unknown = Object.keys(body).filter((key) => !['from', 'to', 'pattern'].includes(key));
  if (unknown.length > 0) throw badRequest(`unknown field(s): ${unknown.join(', ')}`);
  return { from, to, ...(pattern !== undefined && pattern !== null && { pattern }) };
}

/** `POST /api/replays`: replays the stack's archive, as `switchyard events replay` does. */
export function replayRoutes({ target, clients, internalError }: ConsoleDependencies): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/replays',
      handle: async ({ request, response }) => {
        // Read and checked before the answer starts, so a bad request is a plain 400.
        const replay = replayParameters(replayRequest(await readJsonBody(request)));
        await answerWithProgress<ReplayResult>(
          response,
          (hooks) => replayArchive({ target, clients }, replay, hooks),
          (error) => internalError(error, 'the replay'),
        );
      },
    },
  ];
}
