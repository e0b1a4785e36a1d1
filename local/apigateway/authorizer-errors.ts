import { GatewayError } from './errors';
import type { GrantedAuthorization } from './granted-authorization';

/**
 * The answers API Gateway gives when a Lambda authorizer refuses or fails, with the gateway
 * response types a template may customize.
 */

/** No identity, a token failing the validation expression, or the function threw "Unauthorized". */
export const unauthorized = (): GatewayError =>
  new GatewayError('UNAUTHORIZED', 401, 'Unauthorized', { errorType: 'UnauthorizedException' });

/** The policy denies the method ARN: explicitly (a Deny matched) or because no Allow matched. */
export const accessDenied = (explicit: boolean, authorizer: GrantedAuthorization): GatewayError =>
  new GatewayError(
    'ACCESS_DENIED',
    403,
    explicit
      ? 'User is not authorized to access this resource with an explicit deny'
      : 'User is not authorized to access this resource',
    { errorType: 'AccessDeniedException', authorizer },
  );

/** The function failed otherwise, timed out, or answered something that is not a valid policy. */
export const authorizerConfigurationError = (): GatewayError =>
  new GatewayError('AUTHORIZER_CONFIGURATION_ERROR', 500, 'null', {
    errorType: 'AuthorizerConfigurationException',
    nullMessage: true,
  });
