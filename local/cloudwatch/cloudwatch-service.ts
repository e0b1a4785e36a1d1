import { randomUUID } from 'node:crypto';
import type { AwsRequest, AwsResponse, AwsService } from '../endpoint';
import { JSON_1_0_CONTENT_TYPE, queryCompatibleJsonError } from '../endpoint';
import type { SqsModel } from '../sqs';
import { CloudWatchError } from './errors';
import { getMetricStatistics } from './get-metric-statistics';

/** `X-Amz-Target` prefix of CloudWatch's JSON 1.0 protocol (current AWS SDKs use it). */
const TARGET_PREFIX = 'GraniteServiceVersion20100801.';

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
  readonly signingName = 'monitoring';
  private readonly now: () => number;

  private constructor(private readonly options: CloudWatchServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Nothing to open: the gauges are read from the SQS model when asked. Async like every service's `start`. */
  static start(options: CloudWatchServiceOptions): Promise<CloudWatchService> {
    return Promise.resolve(new CloudWatchService(options));
  }

  canHandle(request: AwsRequest): boolean {
    return request.headers['x-amz-target']?.startsWith(TARGET_PREFIX) === true;
  }

  handle(request: AwsRequest): Promise<AwsResponse> {
    return Promise.resolve(this.respond(request));
  }

  /** Answers every request, errors included: nothing it throws escapes as a rejection. */
  private respond(request: AwsRequest): AwsResponse {
    try {
      const operation = (request.headers['x-amz-target'] ?? '').slice(TARGET_PREFIX.length);
      if (operation !== 'GetMetricStatistics') {
        throw new CloudWatchError(
          'UnknownOperationException',
          'UnknownOperation',
          `${operation} is not supported by the local endpoint: only GetMetricStatistics of AWS/SQS queue gauges is emulated.`,
        );
      }
      const output = getMetricStatistics(this.options.sqs, parseBody(request.body), this.now());
      return {
        statusCode: 200,
        headers: { 'content-type': JSON_1_0_CONTENT_TYPE, 'x-amzn-requestid': randomUUID() },
        body: JSON.stringify(output),
      };
    } catch (error) {
      const known =
        error instanceof CloudWatchError
          ? error
          : new CloudWatchError(
              'InternalServiceFault',
              'InternalServiceFault',
              'An internal error occurred.',
              500,
            );
      return queryCompatibleJsonError('com.amazonaws.cloudwatch', known, randomUUID());
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
