/**
 * HTTP-facing errors. Each carries its status and a stable machine-readable code; `expose`
 * follows middy's rule (status < 500) so the error handler knows what may reach the client.
 */
export interface ErrorDetail {
  /** Dotted path of the offending field, e.g. `payload.url`; empty for the whole body. */
  readonly path: string;
  readonly message: string;
}

export abstract class HttpError extends Error {
  abstract readonly statusCode: number;
  abstract readonly code: string;
  readonly details?: readonly ErrorDetail[];

  constructor(message: string, details?: readonly ErrorDetail[], options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.details = details;
  }

  get expose(): boolean {
    return this.statusCode < 500;
  }
}

export class ValidationError extends HttpError {
  readonly statusCode = 400;
  readonly code = 'VALIDATION_FAILED';
}

export class MalformedJsonError extends HttpError {
  readonly statusCode = 400;
  readonly code = 'MALFORMED_JSON';
}

export class NotFoundError extends HttpError {
  readonly statusCode = 404;
  readonly code = 'NOT_FOUND';
}

export class ConflictError extends HttpError {
  readonly statusCode = 409;
  readonly code = 'CONFLICT';
}

export class PayloadTooLargeError extends HttpError {
  readonly statusCode = 413;
  readonly code = 'PAYLOAD_TOO_LARGE';
}

export class UnsupportedMediaTypeError extends HttpError {
  readonly statusCode = 415;
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
}

export class ServiceUnavailableError extends HttpError {
  readonly statusCode = 503;
  readonly code = 'SERVICE_UNAVAILABLE';

  override get expose(): boolean {
    // The message is ours ("try again later"), never the dependency's error text.
    return true;
  }
}
