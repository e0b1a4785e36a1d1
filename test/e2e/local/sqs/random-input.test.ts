import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { type LocalCloud, startLocalCloud } from './local-cloud-fixture';

/** Every operation but DeleteQueue, which would end the run's queue early. */
const OPERATIONS = [
  'CreateQueue',
  'GetQueueUrl',
  'ListQueues',
  'GetQueueAttributes',
  'SetQueueAttributes',
  'SendMessage',
  'SendMessageBatch',
  'ReceiveMessage',
  'DeleteMessage',
  'DeleteMessageBatch',
  'ChangeMessageVisibility',
  'ChangeMessageVisibilityBatch',
  'PurgeQueue',
  'ListDeadLetterSourceQueues',
  'StartMessageMoveTask',
  'ListMessageMoveTasks',
  'CancelMessageMoveTask',
];
const FIELDS = [
  'QueueUrl',
  'QueueName',
  'MessageBody',
  'Entries',
  'Attributes',
  'AttributeNames',
  'MessageAttributes',
  'ReceiptHandle',
  'VisibilityTimeout',
  'MaxNumberOfMessages',
  'DelaySeconds',
  'SourceArn',
  'TaskHandle',
  'MessageGroupId',
];

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function value(next: () => number, queueUrl: string, depth = 0): unknown {
  const choices: Array<() => unknown> = [
    () => queueUrl,
    () => 'x'.repeat(Math.floor(next() * 300)),
    () => Math.floor(next() * 100_000) - 50_000,
    () => next() * 10,
    () => next() > 0.5,
    () => null,
    () => '\u0000\uFFFF\uD800',
    () =>
      depth > 2
        ? []
        : Array.from({ length: Math.floor(next() * 12) }, () => value(next, queueUrl, depth + 1)),
    () =>
      depth > 2
        ? {}
        : Object.fromEntries(
            Array.from({ length: Math.floor(next() * 4) }, (_, i) => [
              FIELDS[Math.floor(next() * FIELDS.length)] ?? `k${i}`,
              value(next, queueUrl, depth + 1),
            ]),
          ),
  ];
  return (choices[Math.floor(next() * choices.length)] as () => unknown)();
}

describe('the local SQS on random input', () => {
  let cloud: LocalCloud;
  let queueUrl: string;

  beforeAll(async () => {
    cloud = await startLocalCloud();
    queueUrl = await cloud.createQueue('random');
  });

  afterAll(async () => {
    await cloud.stop();
  });

  it('should answer 300 random JSON requests with 200 or an AWS 4xx error, never a 5xx', async () => {
    // Arrange
    const next = random(20_260_129);
    const requests = Array.from({ length: 300 }, () => {
      const operation = OPERATIONS[Math.floor(next() * OPERATIONS.length)] as string;
      const payload: Record<string, unknown> = {};
      for (const field of FIELDS) if (next() < 0.6) payload[field] = value(next, queueUrl);
      // Mostly a real queue, so the requests get past the lookup into the operations' own checks.
      if (next() < 0.8) payload.QueueUrl = queueUrl;
      return { operation, body: JSON.stringify(payload) };
    });

    // Act
    const statuses: Array<{ operation: string; status: number; type?: string }> = [];
    for (const { operation, body } of requests) {
      const response = await fetch(cloud.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${operation}` },
        body,
      });
      const answer = (await response.json()) as { __type?: string };
      statuses.push({
        operation,
        status: response.status,
        ...(answer.__type !== undefined && { type: answer.__type }),
      });
    }
    const after = await cloud.sqs.send(new ListQueuesCommand({}));

    // Assert
    expect(statuses.filter((s) => s.status >= 500)).toEqual([]);
    expect(statuses.filter((s) => s.status >= 400 && !s.type?.startsWith('com.amazonaws.sqs#'))).toEqual([]);
    expect(after.$metadata.httpStatusCode).toBe(200);
  });

  it('should answer 300 random query-protocol forms with 200 or an XML 4xx error, never a 5xx', async () => {
    // Arrange
    const next = random(4_566);
    const keys = [
      'QueueName',
      'MessageBody',
      'ReceiptHandle',
      'VisibilityTimeout',
      'MaxNumberOfMessages',
      'Attribute.1.Name',
      'Attribute.1.Value',
      'AttributeName.1',
      'MessageAttribute.1.Name',
      'MessageAttribute.1.Value.DataType',
      'MessageAttribute.1.Value.StringValue',
      'SendMessageBatchRequestEntry.1.Id',
      'SendMessageBatchRequestEntry.1.MessageBody',
      'DeleteMessageBatchRequestEntry.1.Id',
      'DeleteMessageBatchRequestEntry.1.ReceiptHandle',
      'Tag.1.Key',
      'Tag.1.Value',
    ];
    const forms = Array.from({ length: 300 }, () => {
      const form = new URLSearchParams({
        Action: OPERATIONS[Math.floor(next() * OPERATIONS.length)] as string,
      });
      if (next() < 0.8) form.set('QueueUrl', queueUrl);
      for (const key of keys) if (next() < 0.5) form.set(key, String(value(next, queueUrl)));
      return form.toString();
    });

    // Act
    const statuses: Array<{ status: number; xml: string }> = [];
    for (const body of forms) {
      const response = await fetch(cloud.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      statuses.push({ status: response.status, xml: await response.text() });
    }

    // Assert
    expect(statuses.filter((s) => s.status >= 500)).toEqual([]);
    expect(statuses.filter((s) => s.status >= 400 && !s.xml.includes('<ErrorResponse'))).toEqual([]);
    expect(statuses.some((s) => s.status === 200)).toBe(true);
  });
});
