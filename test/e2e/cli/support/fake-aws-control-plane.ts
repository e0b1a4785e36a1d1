import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake answers: one stack's outputs, and the latest oldest-message age per queue name. */
export interface FakeControlPlaneOptions {
  readonly stackName: string;
  readonly outputs: Readonly<Record<string, string>>;
  readonly oldestMessageAgeSeconds: Readonly<Record<string, number>>;
}

/** A running fake; point `AWS_ENDPOINT_URL_CLOUDFORMATION` and `..._CLOUDWATCH` at `url`. */
export interface FakeControlPlane {
  readonly url: string;
  /** The access key id of each request's SigV4 signature, in order: whose credentials were used. */
  readonly accessKeyIds: string[];
  /** From now on, CloudWatch answers AccessDenied, as for credentials without cloudwatch:GetMetricStatistics. */
  denyCloudWatch(denied: boolean): void;
  stop(): Promise<void>;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function describeStacks(
  options: FakeControlPlaneOptions,
  stackName: string | null,
  response: ServerResponse,
) {
  if (stackName !== options.stackName) {
    response
      .writeHead(400, { 'content-type': 'text/xml' })
      .end(
        `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id ${escapeXml(String(stackName))} does not exist</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`,
      );
    return;
  }
  const outputs = Object.entries(options.outputs)
    .map(
      ([key, value]) =>
        `<member><OutputKey>${escapeXml(key)}</OutputKey><OutputValue>${escapeXml(value)}</OutputValue></member>`,
    )
    .join('');
  response
    .writeHead(200, { 'content-type': 'text/xml' })
    .end(
      `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member><StackName>${escapeXml(stackName)}</StackName><StackId>arn:aws:cloudformation:us-east-1:000000000000:stack/${escapeXml(stackName)}/1</StackId><CreationTime>2026-11-29T10:00:00Z</CreationTime><StackStatus>UPDATE_COMPLETE</StackStatus><Outputs>${outputs}</Outputs></member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></DescribeStacksResponse>`,
    );
}

function getMetricStatistics(options: FakeControlPlaneOptions, body: string, response: ServerResponse) {
  const input = JSON.parse(body) as { Dimensions?: Array<{ Name: string; Value: string }> };
  const queueName = input.Dimensions?.find((dimension) => dimension.Name === 'QueueName')?.Value ?? '';
  const age = options.oldestMessageAgeSeconds[queueName];
  const now = Math.floor(Date.now() / 1000);
  // An older, larger datapoint first: the CLI must pick the latest, not the first or the largest.
  const datapoints =
    age === undefined
      ? []
      : [
          { Timestamp: now - 300, Maximum: age + 1000, Unit: 'Seconds' },
          { Timestamp: now - 60, Maximum: age, Unit: 'Seconds' },
        ];
  response
    .writeHead(200, { 'content-type': 'application/x-amz-json-1.0' })
    .end(JSON.stringify({ Label: 'ApproximateAgeOfOldestMessage', Datapoints: datapoints }));
}

/**
 * Stands in for the two AWS control-plane APIs the CLI reads a deployed stack with:
 * CloudFormation DescribeStacks (query protocol, XML) and CloudWatch GetMetricStatistics (JSON).
 * The data-plane calls go to the local cloud, so the CLI's deployed-stack path runs for real.
 */
export async function startFakeControlPlane(options: FakeControlPlaneOptions): Promise<FakeControlPlane> {
  let cloudWatchDenied = false;
  const accessKeyIds: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const signedBy = /Credential=([^/]+)\//.exec(String(request.headers.authorization ?? ''))?.[1];
    if (signedBy !== undefined) accessKeyIds.push(signedBy);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const target = String(request.headers['x-amz-target'] ?? '');
      if (target.endsWith('.GetMetricStatistics')) {
        if (!cloudWatchDenied) return getMetricStatistics(options, body, response);
        response
          .writeHead(400, {
            'content-type': 'application/x-amz-json-1.0',
            'x-amzn-query-error': 'AccessDenied;Sender',
          })
          .end(
            JSON.stringify({
              __type: 'com.amazon.coral.service#AccessDeniedException',
              message:
                'User: arn:aws:iam::000000000000:user/operator is not authorized to perform: cloudwatch:GetMetricStatistics',
            }),
          );
        return;
      }
      const params = new URLSearchParams(body);
      if (params.get('Action') === 'DescribeStacks')
        return describeStacks(options, params.get('StackName'), response);
      response.writeHead(400).end(`unexpected request ${target || params.get('Action')}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accessKeyIds,
    denyCloudWatch: (denied) => {
      cloudWatchDenied = denied;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
