import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { md5OfBody } from '../../../../local';
import { eventually, type LocalCloud, startLocalCloud } from './local-cloud-fixture';

/** Published vectors for the documented attribute MD5 algorithm. */
const ATTRIBUTE_VECTORS = {
  simple: {
    attributes: { attribName1: { DataType: 'String', StringValue: 'attribValue 1' } },
    md5: '19e27d4e946b072f3f58da80d94fd778',
  },
  multiple: {
    attributes: {
      attribName1: { DataType: 'String', StringValue: 'attribValue 1' },
      customNumberTypeAttrib: {
        DataType: 'Number.float',
        StringValue: '4563442423554324324264524243.32543234',
      },
      binaryAttribute: { DataType: 'Binary', BinaryValue: Buffer.from('Hello binary world!') },
    } satisfies Record<string, MessageAttributeValue>,
    md5: 'c932db14a896c663f83c260297d594ff',
  },
};

describe('SQS messages through the SDK', () => {
  let cloud: LocalCloud;

  beforeAll(async () => {
    cloud = await startLocalCloud();
  });

  afterAll(async () => {
    await cloud.stop();
  });

  const receiveOne = async (
    queueUrl: string,
    extra: Partial<ConstructorParameters<typeof ReceiveMessageCommand>[0]> = {},
  ) => {
    const { Messages } = await cloud.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, ...extra }));
    return Messages?.[0];
  };

  it('should send, receive and delete a message with matching body MD5s', async () => {
    // Arrange
    const url = await cloud.createQueue('roundtrip');

    // Act
    const sent = await cloud.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'héllo wörld' }));
    const received = await receiveOne(url);
    await cloud.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: received?.ReceiptHandle }));
    const { Attributes } = await cloud.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
    );

    // Assert
    expect(sent.MD5OfMessageBody).toBe(md5OfBody('héllo wörld'));
    expect(received).toMatchObject({
      MessageId: sent.MessageId,
      Body: 'héllo wörld',
      MD5OfBody: sent.MD5OfMessageBody,
    });
    expect(Attributes).toMatchObject({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
  });

  it.each(Object.entries(ATTRIBUTE_VECTORS))(
    'should compute MD5OfMessageAttributes by the documented algorithm (%s)',
    async (_label, vector) => {
      // Arrange
      const url = await cloud.createQueue('md5');

      // Act
      const sent = await cloud.sqs.send(
        new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageAttributes: vector.attributes }),
      );
      const received = await receiveOne(url, { MessageAttributeNames: ['All'] });

      // Assert
      expect(sent.MD5OfMessageAttributes).toBe(vector.md5);
      expect(received?.MD5OfMessageAttributes).toBe(vector.md5);
      expect(received?.MessageAttributes).toEqual(vector.attributes);
    },
  );

  it('should return only the message attributes asked for, by name or prefix', async () => {
    // Arrange
    const url = await cloud.createQueue('filter');
    await cloud.sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'x',
        MessageAttributes: {
          'trace.id': { DataType: 'String', StringValue: 't1' },
          'trace.span': { DataType: 'String', StringValue: 's1' },
          tenant: { DataType: 'String', StringValue: 'acme' },
          count: { DataType: 'Number', StringValue: '3' },
        },
      }),
    );

    // Act
    const received = await receiveOne(url, { MessageAttributeNames: ['trace.*', 'count'] });

    // Assert
    expect(Object.keys(received?.MessageAttributes ?? {}).sort()).toEqual([
      'count',
      'trace.id',
      'trace.span',
    ]);
  });

  it('should report SentTimestamp, ApproximateReceiveCount and ApproximateFirstReceiveTimestamp', async () => {
    // Arrange
    const url = await cloud.createQueue('system');
    const before = Date.now();
    await cloud.sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'x',
        MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-abc' } },
      }),
    );

    // Act
    const first = await receiveOne(url, { MessageSystemAttributeNames: ['All'], VisibilityTimeout: 0 });
    const second = await receiveOne(url, { MessageSystemAttributeNames: ['All'], VisibilityTimeout: 0 });

    // Assert
    expect(Number(first?.Attributes?.SentTimestamp)).toBeGreaterThanOrEqual(before);
    expect(first?.Attributes?.ApproximateReceiveCount).toBe('1');
    expect(second?.Attributes?.ApproximateReceiveCount).toBe('2');
    expect(second?.Attributes?.ApproximateFirstReceiveTimestamp).toBe(
      first?.Attributes?.ApproximateFirstReceiveTimestamp,
    );
    expect(first?.Attributes?.AWSTraceHeader).toBe('Root=1-abc');
    expect(first?.ReceiptHandle).not.toBe(second?.ReceiptHandle);
  });

  it('should hide a received message for its visibility timeout and then deliver it again', async () => {
    // Arrange
    const url = await cloud.createQueue('visibility');
    await cloud.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'again' }));
    const first = await receiveOne(url, { VisibilityTimeout: 1 });
    const started = Date.now();

    // Act
    const hidden = await receiveOne(url);
    const redelivered = await eventually(() =>
      receiveOne(url, { MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
    );

    // Assert
    expect(hidden).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    expect(redelivered.MessageId).toBe(first?.MessageId);
    expect(redelivered.Attributes?.ApproximateReceiveCount).toBe('2');
  });

  it('should make a message visible at once with ChangeMessageVisibility 0', async () => {
    // Arrange
    const url = await cloud.createQueue('change');
    await cloud.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
    const first = await receiveOne(url, { VisibilityTimeout: 60 });

    // Act
    await cloud.sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: url,
        ReceiptHandle: first?.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const again = await receiveOne(url);

    // Assert
    expect(again?.MessageId).toBe(first?.MessageId);
  });

  it('should answer MessageNotInflight when changing the visibility of a visible message', async () => {
    // Arrange
    const url = await cloud.createQueue('notinflight');
    await cloud.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
    const first = await receiveOne(url, { VisibilityTimeout: 0 });

    // Act
    const attempt = cloud.sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: url,
        ReceiptHandle: first?.ReceiptHandle,
        VisibilityTimeout: 5,
      }),
    );

    // Assert
    await expect(attempt).rejects.toMatchObject({
      name: 'MessageNotInflight',
      Code: 'AWS.SimpleQueueService.MessageNotInflight',
    });
  });

  it('should keep a message when deleted with a stale receipt handle, and reject a malformed one', async () => {
    // Arrange
    const url = await cloud.createQueue('stale');
    await cloud.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
    const first = await receiveOne(url, { VisibilityTimeout: 0 });
    const second = await receiveOne(url, { VisibilityTimeout: 0 });

    // Act
    await cloud.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: first?.ReceiptHandle }));
    const stillThere = await receiveOne(url, { VisibilityTimeout: 0 });
    const malformed = await cloud.sqs
      .send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: 'not-a-handle' }))
      .catch((error: unknown) => error);

    // Assert
    expect(second?.MessageId).toBe(first?.MessageId);
    expect(stillThere?.MessageId).toBe(first?.MessageId);
    expect(malformed).toMatchObject({ name: 'ReceiptHandleIsInvalid', $metadata: { httpStatusCode: 404 } });
  });

  it('should delay a message by its DelaySeconds and by the queue DelaySeconds', async () => {
    // Arrange
    const url = await cloud.createQueue('delayed');
    const queueDelayed = await cloud.createQueue('queue-delayed', { DelaySeconds: '1' });
    const started = Date.now();

    // Act
    await cloud.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', DelaySeconds: 1 }));
    await cloud.sqs.send(new SendMessageCommand({ QueueUrl: queueDelayed, MessageBody: 'y' }));
    const { Attributes } = await cloud.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessagesDelayed'],
      }),
    );
    const immediate = await receiveOne(url);
    const fromMessageDelay = await eventually(() => receiveOne(url));
    const fromQueueDelay = await eventually(() => receiveOne(queueDelayed));

    // Assert
    expect(Attributes?.ApproximateNumberOfMessagesDelayed).toBe('1');
    expect(immediate).toBeUndefined();
    expect(fromMessageDelay.Body).toBe('x');
    expect(fromQueueDelay.Body).toBe('y');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('should accept a body of exactly 1 MiB and reject one byte more', async () => {
    // Arrange
    const url = await cloud.createQueue('large');
    const limit = 1_048_576;

    // Act
    const accepted = await cloud.sqs.send(
      new SendMessageCommand({ QueueUrl: url, MessageBody: 'a'.repeat(limit) }),
    );
    const rejected = await cloud.sqs
      .send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'a'.repeat(limit + 1) }))
      .catch((error: unknown) => error);
    const received = await receiveOne(url);

    // Assert
    expect(accepted.MessageId).toBeDefined();
    expect(rejected).toMatchObject({ name: 'InvalidParameterValue', Code: 'InvalidParameterValue' });
    expect(received?.Body?.length).toBe(limit);
  });

  it('should count attributes against the queue MaximumMessageSize', async () => {
    // Arrange
    const url = await cloud.createQueue('small', { MaximumMessageSize: '1024' });

    // Act
    const attempt = cloud.sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'a'.repeat(1000),
        MessageAttributes: { note: { DataType: 'String', StringValue: 'b'.repeat(100) } },
      }),
    );

    // Assert
    await expect(attempt).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });

  it.each([
    ['a body with a control character', { MessageBody: 'bad\u0001char' }, 'InvalidMessageContents'],
    ['an empty body', { MessageBody: '' }, 'MissingParameter'],
    [
      'more than 10 message attributes',
      {
        MessageBody: 'x',
        MessageAttributes: Object.fromEntries(
          Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }]),
        ),
      },
      'InvalidParameterValue',
    ],
    [
      'an attribute with an unknown type',
      { MessageBody: 'x', MessageAttributes: { a: { DataType: 'Blob', StringValue: 'v' } } },
      'InvalidParameterValue',
    ],
    [
      'a Number attribute that is not a number',
      { MessageBody: 'x', MessageAttributes: { a: { DataType: 'Number', StringValue: 'twelve' } } },
      'InvalidParameterValue',
    ],
    [
      'an attribute name starting with AWS.',
      { MessageBody: 'x', MessageAttributes: { 'AWS.x': { DataType: 'String', StringValue: 'v' } } },
      'InvalidParameterValue',
    ],
    ['a DelaySeconds above 900', { MessageBody: 'x', DelaySeconds: 901 }, 'InvalidParameterValue'],
    [
      'a MessageDeduplicationId on a standard queue',
      { MessageBody: 'x', MessageDeduplicationId: 'd' },
      'InvalidParameterValue',
    ],
  ])('should reject %s', async (_label, input, errorName) => {
    // Arrange
    const url = await cloud.createQueue('invalid');

    // Act
    const attempt = cloud.sqs.send(new SendMessageCommand({ QueueUrl: url, ...input }));

    // Assert
    await expect(attempt).rejects.toMatchObject({ name: errorName });
  });

  it.each([
    ['MaxNumberOfMessages', { MaxNumberOfMessages: 11 }],
    ['VisibilityTimeout', { VisibilityTimeout: 43_201 }],
    ['WaitTimeSeconds', { WaitTimeSeconds: 21 }],
  ])('should reject an out-of-range %s on ReceiveMessage', async (_label, input) => {
    // Arrange
    const url = await cloud.createQueue('receive-range');

    // Act
    const attempt = cloud.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, ...input }));

    // Assert
    await expect(attempt).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });

  it('should receive up to MaxNumberOfMessages at once', async () => {
    // Arrange
    const url = await cloud.createQueue('many');
    for (let i = 0; i < 12; i += 1) {
      await cloud.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: `m${i}` }));
    }

    // Act
    const { Messages } = await cloud.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }),
    );

    // Assert
    expect(Messages).toHaveLength(10);
    expect(new Set(Messages?.map((m) => m.MessageId)).size).toBe(10);
  });

  it('should serve in-process callers through the programmatic API by ARN and URL', async () => {
    // Arrange
    const url = await cloud.createQueue('programmatic');
    const queue = cloud.services.sqs.getQueue(url);
    const arn = queue?.arn as string;

    // Act
    const sent = cloud.services.sqs.sendMessage(arn, '{"event":true}', {
      messageAttributes: { source: { DataType: 'String', StringValue: 'events' } },
    });
    const viaSdk = await receiveOne(url, { MessageAttributeNames: ['All'], VisibilityTimeout: 0 });
    const viaApi = await cloud.services.sqs.receiveMessages(arn, { messageAttributeNames: ['All'] });
    cloud.services.sqs.deleteMessage(url, viaApi[0]?.ReceiptHandle as string);

    // Assert
    expect(cloud.services.sqs.getQueueByArn(arn)).toEqual(queue);
    expect(viaSdk?.MessageId).toBe(sent.MessageId);
    expect(viaSdk?.MessageAttributes?.source?.StringValue).toBe('events');
    expect(viaApi[0]?.MessageId).toBe(sent.MessageId);
    expect(await cloud.services.sqs.receiveMessages(arn)).toEqual([]);
  });
});
