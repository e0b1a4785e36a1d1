import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { CORRELATION_ID_PATTERN } from '../../api-contract/identifier-patterns';
import { ValidationError } from '../errors';
import { logger } from '../observability';
import type { HttpMiddleware } from './http-context';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

/** The request's correlation id; after the `correlationId` middleware it is always set. */
export const correlationIdOf = (event: Pick<APIGatewayProxyEvent, 'headers'>): string =>
  event.headers?.[CORRELATION_ID_HEADER] ?? randomUUID();

/**
 * Takes the caller's correlation id (or makes one) and leaves it in the request's
 * `x-correlation-id` header for the route, puts it on every log line, and echoes it in every
 * response, errors included. A malformed id is rejected rather than silently replaced, so a
 * caller never follows an id that the system does not know.
 */
export const correlationId = (): HttpMiddleware => {
  const echo = (request: { response?: unknown; event: unknown }): void => {
    const response = request.response as APIGatewayProxyResult | undefined;
    const id = (request.event as APIGatewayProxyEvent).headers?.[CORRELATION_ID_HEADER];
    if (!response || !id) return;
    response.headers = { ...response.headers, [CORRELATION_ID_HEADER]: id };
  };
  return {
    before: (request) => {
      const event = request.event as APIGatewayProxyEvent;
      const given = event.headers?.[CORRELATION_ID_HEADER];
      const valid = given !== undefined && CORRELATION_ID_PATTERN.test(given);
      const id = valid ? given : randomUUID();
      event.headers = { ...event.headers, [CORRELATION_ID_HEADER]: id };
      logger.appendKeys({ correlationId: id });
      if (given !== undefined && !valid) {
        throw new ValidationError('Invalid X-Correlation-Id header', [
          { path: 'headers.X-Correlation-Id', message: 'must be 1 to 128 characters of A-Z a-z 0-9 . _ : -' },
        ]);
      }
    },
    after: echo,
    onError: echo,
  };
};
