import { randomUUID } from 'node:crypto';
import type { AwsRequest, AwsResponse } from '../../endpoint';
import { EventBridgeError } from '../errors';

/** The `X-Amz-Target` prefix of every EventBridge operation. */
export const TARGET_PREFIX = 'AWSEvents.';

const CONTENT_TYPE = 'application/x-amz-json-1.1';

/** A decoded request: operation name and JSON body. */
export interface JsonRequest {
  readonly operation: string;
  readonly input: Record<string, unknown>;
}

/** True when the request is addressed to EventBridge (`X-Amz-Target: AWSEvents.<Op>`). */
export function isEventBridgeRequest(request: AwsRequest): boolean {
  return request.headers['x-amz-target']?.startsWith(TARGET_PREFIX) === true;
}

/**
 * Decodes the JSON 1.1 protocol: the operation from `X-Amz-Target`, the input from the body.
 * @throws EventBridgeError `SerializationException` when the body is not a JSON object.
 */
export function parseJsonRequest(request: AwsRequest): JsonRequest {
  const operation = (request.headers['x-amz-target'] ?? '').slice(TARGET_PREFIX.length);
  const text = request.body.toString('utf8');
  if (text.trim() === '') return { operation, input: {} };
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    throw new EventBridgeError(
      'SerializationException',
      'Start of structure or map found where not expected.',
    );
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new EventBridgeError(
      'SerializationException',
      'Start of structure or map found where not expected.',
    );
  }
  return { operation, input: input as Record<string, unknown> };
}

/** A 200 answer with the operation's output. */
export function jsonResponse(output: unknown): AwsResponse {
  return {
    statusCode: 200,
    headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': randomUUID() },
    body: JSON.stringify(output ?? {}),
  };
}

/**
 * An error answer in the JSON protocol's shape (`__type` + `message`), which the SDK turns into
 * an exception named after the code. Unexpected errors become `InternalException` (500)
 * without leaking internals.
 */
export function errorResponse(error: unknown): AwsResponse {
  const known = error instanceof EventBridgeError;
  const code = known ? error.code : 'InternalException';
  const message = known ? error.message : 'An internal error occurred.';
  return {
    statusCode: known ? error.statusCode : 500,
    headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': randomUUID(), 'x-amzn-errortype': code },
    body: JSON.stringify({ __type: code, message }),
  };
}
