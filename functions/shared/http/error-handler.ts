import { errorBodySchema } from '../../api-contract/response-schemas';
import { HttpError, MalformedJsonError } from '../errors';
import { logger } from '../observability';
import type { HttpMiddleware } from './http-context';
import { contractResponse } from './http-response';

const JSON_PARSER_PACKAGE = '@middy/http-json-body-parser';

const fromJsonParser = (error: Error): boolean =>
  (error.cause as { package?: string } | undefined)?.package === JSON_PARSER_PACKAGE;

/**
 * Turns every error into `{"error": {"code", "message", "details"?}}`. Errors meant for the
 * client keep their message; anything else becomes a 500 whose details stay in the log.
 * The log never gets the request body: the parser's error carries it as `cause`, so only
 * the message is logged.
 */
export const errorHandler = (): HttpMiddleware => ({
  onError: (request) => {
    let error: Error = request.error ?? new Error('Unknown error');
    if (fromJsonParser(error)) {
      error = new MalformedJsonError('Request body is not valid JSON');
    }
    if (error instanceof HttpError && error.expose) {
      logger.info('Request rejected', {
        statusCode: error.statusCode,
        code: error.code,
        reason: error.message,
      });
      const body = {
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      };
      request.response = contractResponse(errorBodySchema, error.statusCode, { error: body });
      return;
    }
    logger.error('Request failed', {
      error: { name: error.name, message: error.message, stack: error.stack },
    });
    request.response = contractResponse(errorBodySchema, 500, {
      error: { code: 'INTERNAL_ERROR', message: 'The request failed unexpectedly; try again later' },
    });
  },
});
