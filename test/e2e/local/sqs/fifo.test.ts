import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { type LocalCloud, startLocalCloud } from './local-cloud-fixture';

const FIFO = { FifoQueue: 'true' };

describe('SQS FIFO queues', () => {
  let cloud: LocalCloud;

  beforeAll(async () => {
    cloud = await startLocalCloud();
  });

  afterAll(async () => {
    await cloud.stop();
  });

  const receive = async (queueUrl: string, max = 10, visibility?: number): Promise<Message[]> => {
    const { Messages = [] } = await cloud.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: max,
        VisibilityTimeout: visibility,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    return Messages;
  };

  it('should report FIFO attributes with their defaults', async () => {
    // Arrange
    const url = await cloud.createQueue('attrs', FIFO);

    // Act
    const { Attributes } = await cloud.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
    );

    // Assert
    expect(Attributes).toMatchObject({
      FifoQueue: 'true',
      ContentBasedDeduplication: 'false',
      DeduplicationScope: 'queue',
      FifoThroughputLimit: 'perQueue',
    });
  });

  it('should deliver messages of a group in send order with increasing sequence numbers', async () => {
    // Arrange
    const url = await cloud.createQueue('order', FIFO);
    const sequenceNumbers: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const sent = await cloud.sqs.send(
        new SendMessageCommand({
          QueueUrl: url,
          MessageBody: `m${i}`,
          MessageGroupId: 'g',
          MessageDeduplicationId: `d${i}`,
        }),
      );
      sequenceNumbers.push(sent.SequenceNumber as string);
    }

    // Act
    const messages = await receive(url);

    // Assert
    expect(messages.map((m) => m.Body)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(messages.map((m) => m.Attributes?.SequenceNumber)).toEqual(sequenceNumbers);
    expect([...sequenceNumbers].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))).toEqual(sequenceNumbers);
    expect(sequenceNumbers[0]).toMatch(/^\d{20}$/);
    expect(messages[0]?.Attributes).toMatchObject({ MessageGroupId: 'g', MessageDeduplicationId: 'd0' });
  });

  it('should lock a group while one of its messages is in flight but serve other groups', async () => {
    // Arrange
    const url = await cloud.createQueue('lock', FIFO);
    const send = (body: string, group: string) =>
      cloud.sqs.send(
        new SendMessageCommand({
          QueueUrl: url,
          MessageBody: body,
          MessageGroupId: group,
          MessageDeduplicationId: body,
        }),
      );
    await send('a1', 'A');
    await send('a2', 'A');
    await send('b1', 'B');

    // Act
    const first = await receive(url, 1, 30);
    const second = await receive(url, 10, 30);
    await cloud.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: first[0]?.ReceiptHandle }));
    const third = await receive(url, 10, 30);

    // Assert
    expect(first.map((m) => m.Body)).toEqual(['a1']);
    expect(second.map((m) => m.Body)).toEqual(['b1']);
    expect(third.map((m) => m.Body)).toEqual(['a2']);
  });

  it('should redeliver the head of a group before later messages after its visibility times out', async () => {
    // Arrange
    const url = await cloud.createQueue('redeliver', FIFO);
    for (const body of ['x1', 'x2']) {
      await cloud.sqs.send(
        new SendMessageCommand({
          QueueUrl: url,
          MessageBody: body,
          MessageGroupId: 'g',
          MessageDeduplicationId: body,
        }),
      );
    }
    await receive(url, 1, 1);

    // Act
    const blocked = await receive(url, 10, 30);
    const { Messages = [] } = await cloud.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 3 }),
    );

    // Assert
    expect(blocked).toEqual([]);
    expect(Messages.map((m) => m.Body)).toEqual(['x1', 'x2']);
  });

  it('should drop a duplicate MessageDeduplicationId within the window and answer the first MessageId', async () => {
    // Arrange
    const url = await cloud.createQueue('dedup', FIFO);
    const input = { QueueUrl: url, MessageBody: 'once', MessageGroupId: 'g', MessageDeduplicationId: 'same' };

    // Act
    const first = await cloud.sqs.send(new SendMessageCommand(input));
    const second = await cloud.sqs.send(new SendMessageCommand({ ...input, MessageBody: 'twice' }));
    const messages = await receive(url);

    // Assert
    expect(second.MessageId).toBe(first.MessageId);
    expect(second.SequenceNumber).toBe(first.SequenceNumber);
    expect(messages.map((m) => m.Body)).toEqual(['once']);
  });

  it('should deduplicate by body with ContentBasedDeduplication, also inside one batch', async () => {
    // Arrange
    const url = await cloud.createQueue('content', { ...FIFO, ContentBasedDeduplication: 'true' });

    // Act
    await cloud.sqs.send(
      new SendMessageCommand({ QueueUrl: url, MessageBody: 'same body', MessageGroupId: 'g' }),
    );
    const batch = await cloud.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'a', MessageBody: 'same body', MessageGroupId: 'g' },
          { Id: 'b', MessageBody: 'other body', MessageGroupId: 'g' },
          { Id: 'c', MessageBody: 'other body', MessageGroupId: 'g' },
        ],
      }),
    );
    const messages = await receive(url);

    // Assert
    expect(batch.Successful).toHaveLength(3);
    expect(batch.Successful?.[2]?.MessageId).toBe(batch.Successful?.[1]?.MessageId);
    expect(messages.map((m) => m.Body)).toEqual(['same body', 'other body']);
  });

  it('should scope deduplication to the message group with DeduplicationScope messageGroup', async () => {
    // Arrange
    const url = await cloud.createQueue('scope', { ...FIFO, DeduplicationScope: 'messageGroup' });

    // Act
    for (const group of ['g1', 'g2']) {
      await cloud.sqs.send(
        new SendMessageCommand({
          QueueUrl: url,
          MessageBody: group,
          MessageGroupId: group,
          MessageDeduplicationId: 'd',
        }),
      );
    }
    const messages = await receive(url);

    // Assert
    expect(messages.map((m) => m.Body).sort()).toEqual(['g1', 'g2']);
  });

  it.each([
    ['a send without MessageGroupId', { MessageDeduplicationId: 'd' }, 'MissingParameter'],
    [
      'a send without a deduplication id when content dedup is off',
      { MessageGroupId: 'g' },
      'InvalidParameterValue',
    ],
    [
      'a per-message DelaySeconds',
      { MessageGroupId: 'g', MessageDeduplicationId: 'd', DelaySeconds: 5 },
      'InvalidParameterValue',
    ],
    [
      'a MessageGroupId longer than 128 characters',
      { MessageGroupId: 'g'.repeat(129), MessageDeduplicationId: 'd' },
      'InvalidParameterValue',
    ],
  ])('should reject %s', async (_label, input, errorName) => {
    // Arrange
    const url = await cloud.createQueue('reject', FIFO);

    // Act
    const attempt = cloud.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', ...input }));

    // Assert
    await expect(attempt).rejects.toMatchObject({ name: errorName });
  });

  it('should apply the queue DelaySeconds to FIFO messages', async () => {
    // Arrange
    const url = await cloud.createQueue('queue-delay', { ...FIFO, DelaySeconds: '1' });
    await cloud.sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'x',
        MessageGroupId: 'g',
        MessageDeduplicationId: 'd',
      }),
    );

    // Act
    const immediate = await receive(url);
    const { Messages = [] } = await cloud.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 3 }),
    );

    // Assert
    expect(immediate).toEqual([]);
    expect(Messages.map((m) => m.Body)).toEqual(['x']);
  });

  it('should answer a retried receive with the same ReceiveRequestAttemptId with the same messages and handles', async () => {
    // Arrange
    const url = await cloud.createQueue('attempt', { ...FIFO, ContentBasedDeduplication: 'true' });
    for (const body of ['r1', 'r2', 'r3']) {
      await cloud.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageGroupId: 'g' }));
    }
    const attempt = (id: string) =>
      cloud.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 2, ReceiveRequestAttemptId: id }),
      );

    // Act
    const first = await attempt('try-1');
    const retried = await attempt('try-1');
    const other = await receive(url);
    await cloud.sqs.send(
      new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: first.Messages?.[0]?.ReceiptHandle }),
    );
    const afterChange = await attempt('try-1');

    // Assert
    expect(first.Messages?.map((m) => m.Body)).toEqual(['r1', 'r2']);
    expect(retried.Messages?.map((m) => [m.MessageId, m.ReceiptHandle])).toEqual(
      first.Messages?.map((m) => [m.MessageId, m.ReceiptHandle]),
    );
    expect(other).toEqual([]);
    expect(afterChange.Messages ?? []).toEqual([]);
  });
});
