import type { AwsResponse } from './aws-service';

/*
 * AWS services that moved from the query protocol to JSON 1.0 while staying "query
 * compatible" (SQS, CloudWatch) answer errors in one shape: `__type` names the modeled error
 * (the SDK's `error.name`) and `x-amzn-query-error` carries the legacy code and fault (the
 * SDK's `error.Code`), so older clients keep working.
 */

/** An error as a query-compatible JSON service reports it. */
export interface QueryCompatibleError {
  /** The modeled error name, e.g. `QueueDoesNotExist`. */
  readonly code: string;
  /** The legacy query-protocol code, e.g. `AWS.SimpleQueueService.NonExistentQueue`. */
  readonly queryCode: string;
  readonly fault: 'Sender' | 'Receiver';
  readonly status: number;
  readonly message: string;
}

export const JSON_1_0_CONTENT_TYPE = 'application/x-amz-json-1.0';

/** An error answer; `namespace` is the service's Smithy namespace, e.g. `com.amazonaws.sqs`. */
export function queryCompatibleJsonError(
  namespace: string,
  error: QueryCompatibleError,
  requestId: string,
): AwsResponse {
  return {
    statusCode: error.status,
    headers: {
      'content-type': JSON_1_0_CONTENT_TYPE,
      'x-amzn-requestid': requestId,
      'x-amzn-query-error': `${error.queryCode};${error.fault}`,
    },
    body: JSON.stringify({ __type: `${namespace}#${error.code}`, message: error.message }),
  };
}
