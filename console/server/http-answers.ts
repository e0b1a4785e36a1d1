import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorMessage } from '../../common/error-summary';
import type { ConsoleError } from '../api-types';
import { badRequest, ConsoleHttpError } from './console-http-error';

/** Requests larger than this are refused: the console's forms send a few kilobytes. */
const MAX_BODY_BYTES = 1024 * 1024;

export function sendJson(response: ServerResponse, statusCode: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(statusCode, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** A refusal as `ConsoleError`; anything but a `ConsoleHttpError` is a 500 naming what failed. */
export function sendError(response: ServerResponse, error: unknown): void {
  const answer: { statusCode: number; body: ConsoleError } =
    error instanceof ConsoleHttpError
      ? { statusCode: error.statusCode, body: { error: error.code, message: error.message } }
      : { statusCode: 500, body: { error: 'InternalError', message: errorMessage(error) } };
  if (response.headersSent) {
    response.destroy();
    return;
  }
  sendJson(response, answer.statusCode, answer.body);
}

/** The request's JSON body; a clear 4xx when it is not JSON, too large or of another type. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ConsoleHttpError(415, 'UnsupportedMediaType', 'send the body as application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new ConsoleHttpError(413, 'PayloadTooLarge', `the body exceeds ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw badRequest(`the body is not JSON: ${errorMessage(error)}`);
  }
}

/**
 * An `application/x-ndjson` answer, one JSON document per line, for operations that report
 * progress: the browser reads the lines as they arrive.
 */
export function startNdjson(response: ServerResponse): (line: unknown) => void {
  response.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8' });
  response.flushHeaders();
  return (line) => {
    if (!response.writableEnded) response.write(`${JSON.stringify(line)}\n`);
  };
}
