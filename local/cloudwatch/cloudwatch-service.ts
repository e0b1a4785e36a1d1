import { randomUUID } from 'node:crypto';
import type { AwsRequest, AwsResponse, AwsService } from '../endpoint/aws-service';
import type { SqsModel } from '../sqs/sqs-model';
import { CloudWatchError } from './cloudwatch-error';
import { getMetricStatistics } from './get-metric-statistics';

/** `X-Amz-Target` prefix of CloudWatch's JSON 1.0 protocol (current AWS SDKs use it). */
const TARGET_PREFIX = 'GraniteServiceVersion20100801.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

export interface CloudWatchServiceOptions {
  /** The queues whose gauges are answered. */
  readonly sqs: SqsModel;
  /** @default Date.now */
  readonly now?: () => number;
}

/**
 * The slice of CloudWatch the local cloud needs so that tools reading SQS's backlog gauges
 * (`ApproximateAgeOfOldestMessage` above all, which SQS has no queue attribute for) work
 * unchanged: GetMetricStatistics of `AWS/SQS` queue gauges, sampled live. Alarms, dashboards,
 * PutMetricData and metric history are not emulated; their operations are refused by name.
 */
export class CloudWatchService implements AwsService {
  readonly name = 'cloudwatch';
  private readonly now: () => number;

  constructor(private readonly options: CloudWatchServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  canHandle(request: AwsRequest): boolean {
    return request.headers['x-amz-target']?.startsWith(TARGET_PREFIX) === true;
  }

  async handle(request: AwsRequest): Promise<AwsResponse> {
    try {
      const operation = (request.headers['x-amz-target'] ?? '').slice(TARGET_PREFIX.length);
      if (operation !== 'GetMetricStatistics') {
        throw new CloudWatchError(
          'UnknownOperationException',
          'UnknownOperation',
          `${operation} is not supported by the local endpoint: only GetMetricStatistics of AWS/SQS queue gauges is emulated.`,
        );
      }
      return respond(200, getMetricStatistics(this.options.sqs, parseBody(request.body), this.now()));
    } catch (error) {
      const known = error instanceof CloudWatchError;
      const code = known ? error.code : 'InternalServiceFault';
      const response = respond(known ? error.statusCode : 500, {
        __type: `com.amazonaws.cloudwatch#${code}`,
        message: known ? error.message : 'An internal error occurred.',
      });
      const fault = known && error.statusCode < 500 ? 'Sender' : 'Receiver';
      return {
        ...response,
        headers: { ...response.headers, 'x-amzn-query-error': `${known ? error.queryCode : code};${fault}` },
      };
    }
  }

  async close(): Promise<void> {}
}

function parseBody(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8');
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CloudWatchError(
      'SerializationException',
      'SerializationException',
      'The request body is not a JSON object.',
    );
  }
  return parsed as Record<string, unknown>;
}

function respond(statusCode: number, body: unknown): AwsResponse {
  return {
    statusCode,
    headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': randomUUID() },
    body: JSON.stringify(body),
  };
}
