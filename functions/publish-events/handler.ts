import { randomUUID } from 'node:crypto';
import middy from '@middy/core';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { publishResultsSchema } from '../api-contract/response-schemas';
import { EnvNames, requireEnv } from '../shared/env';
import { eventBridgeClient } from '../shared/event-clients';
import { EventPublisher } from '../shared/event-publisher';
import { correlationIdOf } from '../shared/http/correlation-id';
import type { ParsedBodyEvent } from '../shared/http/http-context';
import { httpMiddlewares } from '../shared/http/http-middlewares';
import { contractResponse } from '../shared/http/http-response';
import { publishEvents } from './publish-events';

const publisher = new EventPublisher(eventBridgeClient, requireEnv(EnvNames.eventBusName));

const publishEventsRoute = async (
  event: ParsedBodyEvent,
  _context: Context,
): Promise<APIGatewayProxyResult> => {
  const { statusCode, results } = await publishEvents(
    { body: event.body, correlationId: correlationIdOf(event) },
    publisher,
    randomUUID,
  );
  return contractResponse(publishResultsSchema, statusCode, { results });
};

export const handler = middy<ParsedBodyEvent, APIGatewayProxyResult, Error, Context>()
  .use(httpMiddlewares({ jsonBody: true }))
  .handler(publishEventsRoute);
