import type { APIGatewayProxyEvent } from 'aws-lambda';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../errors';
import type { HttpMiddleware } from './http-context';

/**
 * Largest accepted request body. A task becomes one SQS message (at most 1 MiB) holding the
 * body plus a small envelope and attributes; 960 KiB leaves room for those.
 */
export const MAX_REQUEST_BODY_BYTES = 960 * 1024;

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;.*)?$/i;

/**
 * Runs before the JSON parser: answers 415 for a body that is not JSON, 413 for one over the
 * limit and 400 for a missing one, so the parser only ever sees what it should parse.
 */
export const jsonBodyGuard = (maxBytes = MAX_REQUEST_BODY_BYTES): HttpMiddleware => ({
  before: (request) => {
    const event = request.event as APIGatewayProxyEvent;
    const contentType = event.headers?.['content-type'];
    if (!contentType || !JSON_MEDIA_TYPE.test(contentType)) {
      throw new UnsupportedMediaTypeError(
        `Content-Type must be application/json (given ${contentType === undefined ? 'none' : contentType})`,
      );
    }
    if (event.body === null || event.body === undefined || event.body === '') {
      throw new ValidationError('Request body is required');
    }
    const size = event.isBase64Encoded
      ? Buffer.byteLength(event.body, 'base64')
      : Buffer.byteLength(event.body, 'utf8');
    if (size > maxBytes) {
      throw new PayloadTooLargeError(`Request body is ${size} bytes; the limit is ${maxBytes} bytes`);
    }
  },
});
