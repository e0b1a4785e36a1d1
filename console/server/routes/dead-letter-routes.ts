import { peekDeadLetters, redriveDeadLetters } from '../../../cli/operations';
import type { DeadLetterPeek, RedriveResult } from '../../api-types';
import type { ConsoleDependencies } from '../console-dependencies';
import { badRequest } from '../console-http-error';
import { sendJson } from '../http-answers';
import type { Route } from '../router';
import { answerWithProgress } from './long-operation';
import { asConsoleError } from './operation-errors';

function maxParameter(url: URL): number | undefined {
  const text = url.searchParams.get('max');
  if (text === null) return undefined;
  if (!/^\d{1,3}$/.test(text)) throw badRequest(`max must be an integer from 1 to 100 (given ${text})`);
  return Number(text);
}

/** Peek and redrive, as `switchyard dlq peek` and `dlq redrive` do them. */
export function deadLetterRoutes({ target, clients }: ConsoleDependencies): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/dead-letters/:channel',
      handle: async ({ url, params, response }) => {
        const max = maxParameter(url);
        const peek: DeadLetterPeek = await peekDeadLetters(
          { target, clients },
          { channel: params.channel ?? '', ...(max !== undefined && { max }) },
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
        answerWithProgress<RedriveResult>(response, (onProgress) =>
          redriveDeadLetters({ target, clients }, { channel: params.channel ?? '' }, { onProgress }),
        ),
    },
  ];
}
