import { peekDeadLetters, redriveDeadLetters } from '../../../cli/operations';
import { PEEK_MAX_BOUNDS } from '../../../cli/operations/dlq-limits';
import type { DeadLetterPeek, RedriveResult } from '../../api-types';
import type { ConsoleDependencies } from '../console-dependencies';
import { badRequest } from '../errors';
import { sendJson } from '../http-answers';
import type { Route } from '../router';
import { asConsoleError } from './operation-errors';
import { answerWithProgress } from './progress-answer';

/** The peek's own check (`PEEK_MAX_BOUNDS`) refuses what is out of range; this one refuses what is not a number. */
function maxParameter(url: URL): number | undefined {
  const text = url.searchParams.get('max');
  if (text === null) return undefined;
  if (!/^\d{1,9}$/.test(text)) {
    throw badRequest(
      `max must be a whole number from ${PEEK_MAX_BOUNDS.min} to ${PEEK_MAX_BOUNDS.max} (given ${text})`,
    );
  }
  return Number(text);
}

/** Peek and redrive, as `switchyard dlq peek` and `dlq redrive` do them. */
export function deadLetterRoutes({ target, clients, log, internalError }: ConsoleDependencies): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/dead-letters/:channel',
      handle: async ({ url, params, response }) => {
        const max = maxParameter(url);
        const peek: DeadLetterPeek = await peekDeadLetters(
          { target, clients },
          { channel: params.channel ?? '', ...(max !== undefined && { max }) },
          { onWarning: (message) => log(`console: dlq peek of ${params.channel}: ${message}`) },
        ).catch((error: unknown) => {
          throw asConsoleError(error, 'absent');
        });
        sendJson(response, 200, peek);
      },
    },
    {
      method: 'POST',
      path: '/api/dead-letters/:channel/redrive',
      handle: ({ params, response }) =>
        answerWithProgress<RedriveResult>(
          response,
          (hooks) => redriveDeadLetters({ target, clients }, { channel: params.channel ?? '' }, hooks),
          (error) => internalError(error, 'the redrive'),
        ),
    },
  ];
}
