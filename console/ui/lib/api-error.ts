import type { ConsoleError } from '../../api-types';

/** A refusal or failure of a console API call, with what the server said about it. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** The HTTP status; 0 when the server could not be reached at all. */
    readonly status: number,
    /** The server's stable error code (`NotFound`, `ValidationError`, ...). */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** The session cookie is missing or no longer accepted: only the URL `npm start` printed helps. */
  get needsSignIn(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

const isConsoleError = (value: unknown): value is ConsoleError =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Record<string, unknown>).error === 'string' &&
  typeof (value as Record<string, unknown>).message === 'string';

/**
 * The error a failed response stands for: the server's ConsoleError when the body is one, else
 * the status and the start of the body (a proxy's or a crash's page), so nothing is swallowed.
 */
export function errorFromResponse(status: number, statusText: string, body: string): ApiError {
  try {
    const parsed: unknown = JSON.parse(body);
    if (isConsoleError(parsed)) return new ApiError(status, parsed.error, parsed.message);
  } catch {
    // Not JSON: described below from the status and the raw text.
  }
  const text = body.trim().slice(0, 200);
  const described = `The server answered ${status}${statusText === '' ? '' : ` ${statusText}`}`;
  return new ApiError(status, `Http${status}`, text === '' ? described : `${described}: ${text}`);
}

/** Anything thrown by a call, as something to show the operator. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof Error) return new ApiError(0, error.name, error.message);
  return new ApiError(0, 'Error', String(error));
}
