import { SignatureError } from '../platform/sigv4-verifier';
import { GatewayError, missingAuthenticationToken } from './errors';

/** The service name clients sign API Gateway requests for. */
export const EXECUTE_API_SERVICE = 'execute-api';

/** A refused signature as the gateway response API Gateway answers it with; other errors pass. */
export const signatureGatewayError = (error: unknown): unknown => {
  if (!(error instanceof SignatureError)) return error;
  switch (error.problem) {
    case 'missing':
      return missingAuthenticationToken();
    case 'incomplete':
      return new GatewayError('MISSING_AUTHENTICATION_TOKEN', 403, error.message, {
        errorType: 'IncompleteSignatureException',
      });
    case 'unknown-key':
      // AWS's knowledge center lists this message with AccessDeniedException for execute-api.
      return new GatewayError('ACCESS_DENIED', 403, error.message, { errorType: 'AccessDeniedException' });
    default:
      return new GatewayError('INVALID_SIGNATURE', 403, error.message, {
        errorType: 'InvalidSignatureException',
      });
  }
};
