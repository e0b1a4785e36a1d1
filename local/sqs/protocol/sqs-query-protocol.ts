import { randomUUID } from 'node:crypto';
import type { AwsRequest, AwsResponse } from '../../endpoint';
import { SqsError } from '../errors';
import type { SqsModel } from '../sqs-model';
import { queryParamsToInput } from './query-params';
import { xmlError, xmlResponse } from './query-xml';
import { sqsInput } from './sqs-input';
import { asSqsError } from './sqs-json-protocol';
import { isSqsOperation, SQS_OPERATIONS } from './sqs-operations';

const FORM = 'application/x-www-form-urlencoded';

/** All parameters of a query request: the URL's query string, then a form body. */
function queryParams(request: AwsRequest): Array<[string, string]> {
  const queryString = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
  const pairs = [...new URLSearchParams(queryString)];
  if ((request.headers['content-type'] ?? '').toLowerCase().includes(FORM)) {
    pairs.push(...new URLSearchParams(request.body.toString('utf8')));
  }
  return pairs;
}

/**
 * The `Action` of a query-protocol request, or undefined. Cheap enough for `canHandle`:
 * a regular expression over the query string and, for forms, the body.
 */
export function queryAction(request: AwsRequest): string | undefined {
  const pattern = /(?:^|[?&])Action=([^&]*)/;
  const decode = (value: string | undefined): string | undefined => {
    try {
      return value === undefined ? undefined : decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      return undefined;
    }
  };
  const fromUrl = pattern.exec(request.url)?.[1];
  if (fromUrl !== undefined) return decode(fromUrl);
  if (!(request.headers['content-type'] ?? '').toLowerCase().includes(FORM)) return undefined;
  return decode(pattern.exec(request.body.toString('latin1'))?.[1]);
}

/**
 * Answers the older query protocol (form-encoded `Action=...`, XML answers), which the AWS CLI v1,
 * older SDKs and hand-written HTTP calls still use. The queue may be named by the request path.
 */
export async function handleQueryRequest(request: AwsRequest, model: SqsModel): Promise<AwsResponse> {
  const requestId = randomUUID();
  const respond = (statusCode: number, body: string): AwsResponse => ({
    statusCode,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body,
  });
  try {
    const params = queryParams(request);
    const action = params.find(([key]) => key === 'Action')?.[1];
    if (action === undefined || action === '')
      throw new SqsError('MissingAction', 'The request must contain an Action.');
    if (!isSqsOperation(action))
      throw new SqsError('InvalidAction', `The action ${action} is not valid for this endpoint.`);
    const input = queryParamsToInput(
      params.filter(([key]) => key !== 'Action' && key !== 'Version'),
      action,
    );
    const path = (request.url.split('?')[0] ?? '/').replace(/\/+$/, '');
    if (input.QueueUrl === undefined && path.split('/').length >= 3)
      input.QueueUrl = `${request.endpointUrl}${path}`;
    const handler = SQS_OPERATIONS[action] as (typeof SQS_OPERATIONS)[string];
    const output = await handler(sqsInput(input), model, request.signal);
    return respond(200, xmlResponse(action, output, requestId));
  } catch (error) {
    const sqsError = asSqsError(error);
    return respond(sqsError.statusCode, xmlError(sqsError, requestId));
  }
}
