import { randomUUID } from 'node:crypto';
import type { AwsRequest, AwsResponse } from '../../endpoint';
import { JSON_1_0_CONTENT_TYPE, queryCompatibleJsonError } from '../../endpoint';
import { SqsError } from '../errors';
import type { SqsModel } from '../sqs-model';
import { sqsInput } from './sqs-input';
import { isSqsOperation, SQS_OPERATIONS } from './sqs-operations';

export const SQS_TARGET_PREFIX = 'AmazonSQS.';

/** JSON errors as SQS sends them to query-compatible clients. */
export const jsonErrorResponse = (error: SqsError, requestId: string): AwsResponse =>
  queryCompatibleJsonError('com.amazonaws.sqs', error, requestId);

/** Turns anything thrown into an SQS error; unexpected ones become an InternalFailure without internals. */
export function asSqsError(error: unknown): SqsError {
  if (error instanceof SqsError) return error;
  console.error('sqs: unexpected error', error);
  return new SqsError('InternalFailure', 'The request processing has failed because of an unknown error.');
}

/** Answers one `POST /` with `X-Amz-Target: AmazonSQS.<Operation>`. */
export async function handleJsonRequest(request: AwsRequest, model: SqsModel): Promise<AwsResponse> {
  const requestId = randomUUID();
  try {
    const operation = (request.headers['x-amz-target'] ?? '').slice(SQS_TARGET_PREFIX.length);
    if (!isSqsOperation(operation)) {
      throw new SqsError('InvalidAction', `The action ${operation} is not valid for this endpoint.`);
    }
    let parsed: unknown = {};
    const text = request.body.toString('utf8');
    if (text.trim().length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new SqsError('SerializationException', 'The request body is not valid JSON.');
      }
    }
    const handler = SQS_OPERATIONS[operation] as (typeof SQS_OPERATIONS)[string];
    const output = await handler(sqsInput(parsed), model, request.signal);
    return {
      statusCode: 200,
      headers: { 'content-type': JSON_1_0_CONTENT_TYPE, 'x-amzn-requestid': requestId },
      body: JSON.stringify(output),
    };
  } catch (error) {
    return jsonErrorResponse(asSqsError(error), requestId);
  }
}
