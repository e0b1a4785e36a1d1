import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { type LocalCloud, startLocalCloud } from './local-cloud-fixture';

describe('the local endpoint and SQS on bad input', () => {
  let cloud: LocalCloud;
  let queueUrl: string;

  beforeAll(async () => {
    cloud = await startLocalCloud();
    queueUrl = await cloud.createQueue('bad-input');
  });

  afterAll(async () => {
    await cloud.stop();
  });

  const callJson = async (target: string | undefined, body: string | Buffer) => {
    const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.0' };
    if (target !== undefined) headers['x-amz-target'] = target;
    const response = await fetch(cloud.url, { method: 'POST', headers, body });
    const text = await response.text();
    return {
      status: response.status,
      queryError: response.headers.get('x-amzn-query-error'),
      json: JSON.parse(text) as { __type?: string; message?: string },
    };
  };

  it.each([
    ['malformed JSON', 'AmazonSQS.ListQueues', '{"QueueNamePrefix": ', 'SerializationException'],
    ['a JSON array', 'AmazonSQS.ListQueues', '[1,2]', 'SerializationException'],
    [
      'binary garbage',
      'AmazonSQS.SendMessage',
      Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
      'SerializationException',
    ],
    ['an unknown SQS operation', 'AmazonSQS.Frobnicate', '{}', 'InvalidAction'],
    ['a missing QueueUrl', 'AmazonSQS.SendMessage', '{"MessageBody":"x"}', 'MissingParameter'],
    [
      'a QueueUrl that is a number',
      'AmazonSQS.SendMessage',
      '{"QueueUrl":5,"MessageBody":"x"}',
      'InvalidParameterValue',
    ],
    [
      'a non-integer MaxNumberOfMessages',
      'AmazonSQS.ReceiveMessage',
      '{"QueueUrl":"Q","MaxNumberOfMessages":"ten"}',
      'InvalidParameterValue',
    ],
    [
      'a fractional VisibilityTimeout',
      'AmazonSQS.ReceiveMessage',
      '{"QueueUrl":"Q","VisibilityTimeout":1.5}',
      'InvalidParameterValue',
    ],
    [
      'message attributes that are a list',
      'AmazonSQS.SendMessage',
      '{"QueueUrl":"Q","MessageBody":"x","MessageAttributes":[]}',
      'InvalidParameterValue',
    ],
    [
      'batch entries that are not a list',
      'AmazonSQS.SendMessageBatch',
      '{"QueueUrl":"Q","Entries":{"Id":"a"}}',
      'InvalidParameterValue',
    ],
    [
      'a queue in another account',
      'AmazonSQS.SendMessage',
      '{"QueueUrl":"http://127.0.0.1:1/123456789012/q","MessageBody":"x"}',
      'QueueDoesNotExist',
    ],
    [
      'an unparsable queue URL',
      'AmazonSQS.SendMessage',
      '{"QueueUrl":"http://[broken/q","MessageBody":"x"}',
      'InvalidAddress',
    ],
    [
      'a queue URL with a broken escape',
      'AmazonSQS.SendMessage',
      '{"QueueUrl":"http://127.0.0.1:1/000000000000/%E0%A4%A","MessageBody":"x"}',
      'InvalidAddress',
    ],
    [
      'a queue ARN in another region',
      'AmazonSQS.GetQueueAttributes',
      '{"QueueUrl":"arn:aws:sqs:eu-west-1:000000000000:bad-input"}',
      'QueueDoesNotExist',
    ],
  ])('should answer %s with an AWS error and no crash', async (_label, target, body, errorCode) => {
    // Arrange
    const payload = typeof body === 'string' ? body.replace('"Q"', JSON.stringify(queueUrl)) : body;

    // Act
    const { status, json, queryError } = await callJson(target, payload);

    // Assert
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(json.__type).toBe(`com.amazonaws.sqs#${errorCode}`);
    expect(json.message).toEqual(expect.any(String));
    expect(queryError).toMatch(/;Sender$/);
  });

  it('should answer a request no service owns with UnknownOperationException', async () => {
    // Act
    const { status, json } = await callJson('Kinesis_20131202.ListStreams', '{}');

    // Assert
    expect(status).toBe(400);
    expect(json.__type).toBe('UnknownOperationException');
  });

  it('should answer a request with neither target nor action with InvalidAction', async () => {
    // Act
    const { status, json } = await callJson(undefined, '{}');

    // Assert
    expect(status).toBe(400);
    expect(json.__type).toBe('InvalidAction');
  });

  it('should refuse a body over the size cap with 413 and keep serving', async () => {
    // Arrange
    const huge = Buffer.alloc(9 * 1024 * 1024, 0x61);

    // Act
    const response = await fetch(cloud.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.SendMessage' },
      body: huge,
    });
    const answer = (await response.json()) as { __type: string };
    const after = await cloud.sqs.send(new ListQueuesCommand({}));

    // Assert
    expect(response.status).toBe(413);
    expect(answer.__type).toBe('RequestEntityTooLarge');
    expect(after.QueueUrls).toContain(queueUrl);
  });

  it('should survive a client that disconnects during a long poll', async () => {
    // Arrange
    const controller = new AbortController();
    const waiting = fetch(cloud.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ReceiveMessage' },
      body: JSON.stringify({ QueueUrl: queueUrl, WaitTimeSeconds: 20 }),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));

    // Act
    controller.abort();
    await waiting;
    cloud.services.sqs.sendMessage(queueUrl, 'after abort');
    const received = await cloud.services.sqs.receiveMessages(queueUrl);

    // Assert
    expect(received.map((m) => m.Body)).toEqual(['after abort']);
  });
});
