import type { GrantedAuthorization } from './granted-authorization';

/**
 * The gateway response types API Gateway REST APIs answer with, each customizable in the
 * template with `AWS::ApiGateway::GatewayResponse` (the types this emulator can produce).
 */
export type GatewayResponseType =
  | 'ACCESS_DENIED'
  | 'API_CONFIGURATION_ERROR'
  | 'AUTHORIZER_CONFIGURATION_ERROR'
  | 'AUTHORIZER_FAILURE'
  | 'BAD_REQUEST_BODY'
  | 'BAD_REQUEST_PARAMETERS'
  | 'DEFAULT_4XX'
  | 'DEFAULT_5XX'
  | 'EXPIRED_TOKEN'
  | 'INTEGRATION_FAILURE'
  | 'INTEGRATION_TIMEOUT'
  | 'INVALID_API_KEY'
  | 'INVALID_SIGNATURE'
  | 'MISSING_AUTHENTICATION_TOKEN'
  | 'REQUEST_TOO_LARGE'
  | 'THROTTLED'
  | 'UNAUTHORIZED';

/**
 * An answer API Gateway gives itself instead of the integration's. The request handler turns it
 * into the template's gateway response for `responseType` (or the DEFAULT_4XX/5XX fallback).
 */
export class GatewayError extends Error {
  /** Which gateway response renders this error. */
  readonly responseType: GatewayResponseType;
  /** The status AWS answers with when the template does not override it. */
  readonly statusCode: number;
  /** The `x-amzn-ErrorType` header AWS sends, e.g. `MissingAuthenticationTokenException`. */
  readonly errorType: string | undefined;
  /** `$context.error.validationErrorString`, for request validation failures. */
  readonly validationErrorString: string;
  /** `$context.error.messageString` is `null`, not a string, as for authorizer failures. */
  readonly nullMessage: boolean;
  /** What a Lambda authorizer said of a caller it refused, for `$context.authorizer.*`. */
  readonly authorizer: GrantedAuthorization | undefined;

  constructor(
    responseType: GatewayResponseType,
    statusCode: number,
    message: string,
    options: {
      errorType?: string;
      validationErrorString?: string;
      nullMessage?: boolean;
      authorizer?: GrantedAuthorization;
    } = {},
  ) {
    super(message);
    this.name = 'GatewayError';
    this.responseType = responseType;
    this.statusCode = statusCode;
    this.errorType = options.errorType;
    this.validationErrorString = options.validationErrorString ?? '';
    this.nullMessage = options.nullMessage ?? false;
    this.authorizer = options.authorizer;
  }
}

/** No resource or method matches the request: REST APIs answer 403, never 404. */
export const missingAuthenticationToken = (): GatewayError =>
  new GatewayError('MISSING_AUTHENTICATION_TOKEN', 403, 'Missing Authentication Token', {
    errorType: 'MissingAuthenticationTokenException',
  });

/** A Lambda function failed or answered something that is not a proxy result. */
export const internalServerError = (type: GatewayResponseType, statusCode: number): GatewayError =>
  new GatewayError(type, statusCode, 'Internal server error', { errorType: 'InternalServerErrorException' });

/**
 * The integration cannot take the request now: the local runtime's environments for the
 * function are busy and its queue is full. Thrown by the invoker the emulator is given, it is
 * answered 503 (a local-only answer: Lambda would have scaled out), which clients retry.
 */
export class IntegrationBusyError extends Error {
  override readonly name = 'IntegrationBusyError';
}

/** The answer to an `IntegrationBusyError`. */
export const serviceUnavailable = (): GatewayError =>
  new GatewayError('DEFAULT_5XX', 503, 'Service Unavailable', { errorType: 'ServiceUnavailableException' });
