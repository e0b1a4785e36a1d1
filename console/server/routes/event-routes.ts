import { signedFetch } from '../../../common/execute-api-signature';
import { isRecord } from '../../../common/is-record';
import { publishableEventTypes } from '../../../functions/event-types';
import * as z from '../../../functions/shared/zod';
import type { EventTypeList, PublishRequest, PublishResult } from '../../api-types';
import type { ConsoleDependencies } from '../console-dependencies';
import { badRequest } from '../errors';
import { readJsonBody, sendJson } from '../http-answers';
import type { Route } from '../router';

/** The types clients may publish, each with the JSON Schema its `data` is validated against. */
export function eventTypeList(): EventTypeList {
  return {
    types: publishableEventTypes.map((type) => {
      const { $schema: _dialect, ...dataSchema } = z.toJSONSchema(type.dataSchema, {
        io: 'input',
        unrepresentable: 'any',
      }) as Record<string, unknown>;
      return { name: type.name, description: type.description, dataSchema };
    }),
  };
}

function publishRequest(body: unknown): PublishRequest {
  if (!isRecord(body)) throw badRequest('the body must be a JSON object with type, source and data');
  const { type, source, data } = body;
  if (typeof type !== 'string' || typeof source !== 'string') {
    throw badRequest('type and source must be strings');
  }
  return { type, source, data };
}

/**
 * `GET /api/event-types` and `POST /api/events`. A published event goes through the stack's
 * own `POST /events`, signed as a client signs it: the console shows what a client would get,
 * validation included, rather than a second path onto the bus.
 */
export function eventRoutes({ apiUrl, credentials, target }: ConsoleDependencies): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/event-types',
      handle: async ({ response }) => sendJson(response, 200, eventTypeList()),
    },
    {
      method: 'POST',
      path: '/api/events',
      handle: async ({ request, response }) => {
        const event = publishRequest(await readJsonBody(request));
        const answer = await signedFetch(
          {
            method: 'POST',
            url: new URL(`${apiUrl}/events`),
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ events: [event] }),
          },
          credentials,
          target.region,
        );
        const text = await answer.text();
        const result: PublishResult = {
          statusCode: answer.status,
          correlationId: answer.headers.get('x-correlation-id'),
          body: parseOrText(text),
        };
        sendJson(response, 200, result);
      },
    },
  ];
}

const parseOrText = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};
