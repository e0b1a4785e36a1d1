import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorMessage } from '../../common/error-summary';
import type { ConsoleError } from '../api-types';
import { badRequest, ConsoleHttpError } from './errors';

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

/** A refusal as `ConsoleError`; an answer already under way is cut, so it cannot look complete. */
export function sendError(response: ServerResponse, error: ConsoleHttpError): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body: ConsoleError = { error: error.code, message: error.message };
  sendJson(response, error.statusCode, body);
}

const tooLarge = () =>
  new ConsoleHttpError(413, 'PayloadTooLarge', `the body exceeds ${MAX_BODY_BYTES} bytes`);

/** The request's JSON body; a clear 4xx when it is not JSON, too large or of another type. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ConsoleHttpError(415, 'UnsupportedMediaType', 'send the body as application/json');
  }
  if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  // Read to the end even past the limit (keeping nothing), so the 413 reaches the client
  // rather than a connection reset.
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY_BYTES) throw tooLarge();
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw badRequest(`the body is not JSON: ${errorMessage(error)}`);
  }
}
