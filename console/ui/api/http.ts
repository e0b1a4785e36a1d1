import { ApiError, errorFromResponse } from '../lib/api-error';
import { type OperationOutcome, OperationProtocolError, readOperation } from '../lib/ndjson';
import { reportSignInRequired } from './sign-in';

/** Sends a request; a network failure becomes an ApiError (status 0) the caller can show. */
async function send(path: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    // Same origin: the session cookie goes along, and a POST carries the Origin the server checks.
    response = await fetch(path, { credentials: 'same-origin', ...init });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NetworkError', 'Cannot reach the console server: is `npm start` still running?');
  }
  if (!response.ok) {
    const failure = errorFromResponse(response.status, response.statusText, await response.text());
    if (failure.needsSignIn) reportSignInRequired();
    throw failure;
  }
  return response;
}

async function json<T>(response: Response): Promise<T> {
  try {
    // The body's shape is the server's contract (api-types.ts): trusted, not re-validated.
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, 'InvalidResponse', 'The server answered something that is not JSON');
  }
}

/** `GET path` as JSON. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return json<T>(
    await send(path, { headers: { Accept: 'application/json' }, ...(signal ? { signal } : {}) }),
  );
}

/** `POST path` with a JSON body, answered with JSON. */
export async function postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const response = await send(path, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  return json<T>(response);
}

/**
 * `POST path` for a long operation answered in NDJSON: progress goes to `onProgress` while the
 * answer streams, and the outcome (result or error line) is returned.
 */
export async function postOperation<Result>(
  path: string,
  body: unknown,
  onProgress: (message: string) => void,
  signal?: AbortSignal,
): Promise<OperationOutcome<Result>> {
  const response = await send(path, {
    method: 'POST',
    ...(body === undefined
      ? { headers: { Accept: 'application/x-ndjson' } }
      : {
          headers: { Accept: 'application/x-ndjson', 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        }),
    ...(signal ? { signal } : {}),
  });
  if (response.body === null) throw new OperationProtocolError('The server answered without a body');
  return readOperation<Result>(response.body.getReader(), onProgress);
}

/** A path segment for a name or id typed by the operator. */
export const segment = (value: string): string => encodeURIComponent(value);
