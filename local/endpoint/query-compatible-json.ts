import type { AwsResponse } from './aws-service';
import type { AwsServiceError } from './aws-service-error';

/*
 * AWS services that moved from the query protocol to JSON 1.0 while staying "query
 * compatible" (SQS, CloudWatch) answer errors in one shape: `__type` names the modeled error
 * (the SDK's `error.name`) and `x-amzn-query-error` carries the legacy code and fault (the
 * SDK's `error.Code`), so older clients keep working.
 */

export const JSON_1_0_CONTENT_TYPE = 'application/x-amz-json-1.0';

/**
 * An error answer: `__type` is the error's modeled `code`, `x-amzn-query-error` its `queryCode`
 * and `fault`. `namespace` is the service's Smithy namespace, e.g. `com.amazonaws.sqs`.
 */
export function queryCompatibleJsonError(
  namespace: string,
  error: AwsServiceError,
  requestId: string,
): AwsResponse {
  return {
    statusCode: error.statusCode,
    headers: {
      'content-type': JSON_1_0_CONTENT_TYPE,
      'x-amzn-requestid': requestId,
      'x-amzn-query-error': `${error.queryCode};${error.fault}`,
    },
    body: JSON.stringify({ __type: `${namespace}#${error.code}`, message: error.message }),
  };
}
