import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
} from '@aws-sdk/client-sqs';
import { md5OfBody } from '../../../../local';
import { type LocalCloud, startLocalCloud } from './local-cloud-fixture';

const entries = (count: number, body = (i: number) => `body-${i}`): SendMessageBatchRequestEntry[] =>
  Array.from({ length: count }, (_, i) => ({ Id: `e${i}`, MessageBody: body(i) }));

describe('SQS batch operations through the SDK', () => {
  let cloud: LocalCloud;

  beforeAll(async () => {
    cloud = await startLocalCloud();
  });

  afterAll(async () => {
    await cloud.stop();
  });

  const countMessages = async (queueUrl: string): Promise<number> => {
    const { Attributes } = await cloud.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return (
      Number(Attributes?.ApproximateNumberOfMessages) +
      Number(Attributes?.ApproximateNumberOfMessagesNotVisible)
    );
  };

  it('should send 10 messages in one batch with an MD5 per entry', async () => {
    // Arrange
    const url = await cloud.createQueue('batch');

    // Act
    const result = await cloud.sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries(10) }));

    // Assert
    expect(result.Failed ?? []).toEqual([]);
    expect(result.Successful?.map((s) => s.Id)).toEqual(entries(10).map((e) => e.Id));
    expect(result.Successful?.[3]?.MD5OfMessageBody).toBe(md5OfBody('body-3'));
    expect(await countMessages(url)).toBe(10);
  });

  it.each([
    ['no entries', [], 'EmptyBatchRequest', 'AWS.SimpleQueueService.EmptyBatchRequest'],
    [
      '11 entries',
      entries(11),
      'TooManyEntriesInBatchRequest',
      'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
    ],
    [
      'repeated ids',
      [
        { Id: 'same', MessageBody: 'a' },
        { Id: 'same', MessageBody: 'b' },
      ],
      'BatchEntryIdsNotDistinct',
      'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
    ],
    [
      'an invalid id',
      [{ Id: 'no spaces', MessageBody: 'a' }],
      'InvalidBatchEntryId',
      'AWS.SimpleQueueService.InvalidBatchEntryId',
    ],
    [
      'a total over 1 MiB',
      entries(2, () => 'a'.repeat(600_000)),
      'BatchRequestTooLong',
      'AWS.SimpleQueueService.BatchRequestTooLong',
    ],
  ])('should reject a batch with %s and write nothing', async (_label, batch, name, code) => {
    // Arrange
    const url = await cloud.createQueue('reject');

    // Act
    const attempt = cloud.sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: batch }));

    // Assert
    await expect(attempt).rejects.toMatchObject({ name, Code: code });
    expect(await countMessages(url)).toBe(0);
  });

  it('should report a bad entry in Failed and still send the good ones', async () => {
    // Arrange
    const url = await cloud.createQueue('partial');

    // Act
    const result = await cloud.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'good', MessageBody: 'fine' },
          { Id: 'bad', MessageBody: 'control\u0002char' },
          { Id: 'late', MessageBody: 'too late', DelaySeconds: 901 },
        ],
      }),
    );

    // Assert
    expect(result.Successful?.map((s) => s.Id)).toEqual(['good']);
    expect(result.Failed).toEqual([
      expect.objectContaining({ Id: 'bad', SenderFault: true, Code: 'InvalidMessageContents' }),
      expect.objectContaining({ Id: 'late', SenderFault: true, Code: 'InvalidParameterValue' }),
    ]);
    expect(await countMessages(url)).toBe(1);
  });

  it('should delete a batch and report an invalid receipt handle per entry', async () => {
    // Arrange
    const url = await cloud.createQueue('delete-batch');
    await cloud.sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries(3) }));
    const { Messages = [] } = await cloud.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }),
    );

    // Act
    const result = await cloud.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          ...Messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })),
          { Id: 'broken', ReceiptHandle: 'garbage' },
        ],
      }),
    );

    // Assert
    expect(Messages).toHaveLength(3);
    expect(result.Successful).toHaveLength(3);
    expect(result.Failed).toEqual([
      expect.objectContaining({ Id: 'broken', Code: 'ReceiptHandleIsInvalid' }),
    ]);
    expect(await countMessages(url)).toBe(0);
  });

  it('should delete a message named twice in one batch, both entries succeeding', async () => {
    // Arrange
    const url = await cloud.createQueue('delete-batch-twice');
    await cloud.sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries(2) }));
    const { Messages = [] } = await cloud.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }),
    );
    const [first, second] = Messages;

    // Act
    const result = await cloud.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'a', ReceiptHandle: first?.ReceiptHandle },
          { Id: 'again', ReceiptHandle: first?.ReceiptHandle },
          { Id: 'b', ReceiptHandle: second?.ReceiptHandle },
        ],
      }),
    );

    // Assert
    expect(Messages).toHaveLength(2);
    expect(result.Successful?.map((entry) => entry.Id)).toEqual(['a', 'again', 'b']);
    expect(result.Failed ?? []).toEqual([]);
    expect(await countMessages(url)).toBe(0);
  });

  it('should change visibility in a batch, making released messages receivable at once', async () => {
    // Arrange
    const url = await cloud.createQueue('visibility-batch');
    await cloud.sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries(2) }));
    const { Messages = [] } = await cloud.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 60 }),
    );

    // Act
    const result = await cloud.sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: url,
        Entries: [
          ...Messages.map((m, i) => ({ Id: `c${i}`, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 })),
          { Id: 'range', ReceiptHandle: Messages[0]?.ReceiptHandle, VisibilityTimeout: 43_201 },
        ],
      }),
    );
    const again = await cloud.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));

    // Assert
    expect(result.Successful).toHaveLength(2);
    expect(result.Failed).toEqual([expect.objectContaining({ Id: 'range', Code: 'InvalidParameterValue' })]);
    expect(again.Messages).toHaveLength(2);
  });
});
