import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  TagQueueCommand,
  UntagQueueCommand,
} from '@aws-sdk/client-sqs';
import { type LocalCloud, nameOf, startLocalCloud, uniqueName } from './local-cloud-fixture';

describe('SQS queues through the SDK', () => {
  let cloud: LocalCloud;

  beforeAll(async () => {
    cloud = await startLocalCloud();
  });

  afterAll(async () => {
    await cloud.stop();
  });

  it('should create a queue whose URL points at the endpoint and whose ARN names the local account', async () => {
    // Arrange
    const name = uniqueName('orders');

    // Act
    const { QueueUrl } = await cloud.sqs.send(new CreateQueueCommand({ QueueName: name }));
    const { Attributes } = await cloud.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );

    // Assert
    expect(QueueUrl).toBe(`${cloud.url}/000000000000/${name}`);
    expect(Attributes?.QueueArn).toBe(`arn:aws:sqs:us-east-1:000000000000:${name}`);
  });

  it('should return the same URL when a queue is created again with the same attributes', async () => {
    // Arrange
    const name = uniqueName('same');
    const first = await cloud.sqs.send(
      new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '5' } }),
    );

    // Act
    const second = await cloud.sqs.send(
      new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '5' } }),
    );

    // Assert
    expect(second.QueueUrl).toBe(first.QueueUrl);
  });

  it('should reject creating an existing queue with different attributes with QueueNameExists', async () => {
    // Arrange
    const name = uniqueName('conflict');
    await cloud.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '5' } }));

    // Act
    const attempt = cloud.sqs.send(
      new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '6' } }),
    );

    // Assert
    await expect(attempt).rejects.toMatchObject({ name: 'QueueNameExists', Code: 'QueueAlreadyExists' });
  });

  it.each([
    ['a name with a dot', 'bad.name'],
    ['an empty name', ''],
    ['a name longer than 80 characters', 'x'.repeat(81)],
    ['a .fifo name without FifoQueue', 'plain.fifo'],
  ])('should reject %s with InvalidParameterValue', async (_label, name) => {
    // Act
    const attempt = cloud.sqs.send(new CreateQueueCommand({ QueueName: name }));

    // Assert
    await expect(attempt).rejects.toMatchObject({
      name: expect.stringMatching(/InvalidParameterValue|MissingParameter/),
    });
  });

  it('should reject a FIFO queue whose name lacks the .fifo suffix', async () => {
    // Act
    const attempt = cloud.sqs.send(
      new CreateQueueCommand({ QueueName: uniqueName('nofifo'), Attributes: { FifoQueue: 'true' } }),
    );

    // Assert
    await expect(attempt).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });

  it('should find a queue URL by name and answer QueueDoesNotExist for an unknown one', async () => {
    // Arrange
    const url = await cloud.createQueue('lookup');

    // Act
    const found = await cloud.sqs.send(new GetQueueUrlCommand({ QueueName: nameOf(url) }));
    const missing = await cloud.sqs
      .send(new GetQueueUrlCommand({ QueueName: uniqueName('missing') }))
      .catch((error: unknown) => error);

    // Assert
    expect(found.QueueUrl).toBe(url);
    expect(missing).toMatchObject({
      name: 'QueueDoesNotExist',
      Code: 'AWS.SimpleQueueService.NonExistentQueue',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('should list queues by prefix and page through them with NextToken', async () => {
    // Arrange
    const prefix = uniqueName('page');
    const urls = [];
    for (const suffix of ['a', 'b', 'c']) {
      const { QueueUrl } = await cloud.sqs.send(new CreateQueueCommand({ QueueName: `${prefix}-${suffix}` }));
      urls.push(QueueUrl);
    }

    // Act
    const first = await cloud.sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 2 }));
    const second = await cloud.sqs.send(
      new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 2, NextToken: first.NextToken }),
    );
    const all = await cloud.sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix }));

    // Assert
    expect(first.QueueUrls).toEqual(urls.slice(0, 2));
    expect(first.NextToken).toBeDefined();
    expect(second.QueueUrls).toEqual(urls.slice(2));
    expect(second.NextToken).toBeUndefined();
    expect(all.QueueUrls).toEqual(urls);
  });

  it('should delete a queue so later calls answer QueueDoesNotExist', async () => {
    // Arrange
    const url = await cloud.createQueue('doomed');

    // Act
    await cloud.sqs.send(new DeleteQueueCommand({ QueueUrl: url }));

    // Assert
    await expect(
      cloud.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' })),
    ).rejects.toMatchObject({
      name: 'QueueDoesNotExist',
    });
  });

  it('should report defaults and counts in GetQueueAttributes All', async () => {
    // Arrange
    const url = await cloud.createQueue('attrs');
    await cloud.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'visible' }));
    await cloud.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'later', DelaySeconds: 60 }));
    await cloud.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'taken' }));
    await cloud.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 1 }));

    // Act
    const { Attributes } = await cloud.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
    );

    // Assert
    expect(Attributes).toMatchObject({
      DelaySeconds: '0',
      MaximumMessageSize: '1048576',
      MessageRetentionPeriod: '345600',
      ReceiveMessageWaitTimeSeconds: '0',
      VisibilityTimeout: '30',
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesNotVisible: '1',
      ApproximateNumberOfMessagesDelayed: '1',
    });
    expect(Number(Attributes?.CreatedTimestamp)).toBeGreaterThan(1_700_000_000);
  });

  it('should change attributes with SetQueueAttributes', async () => {
    // Arrange
    const url = await cloud.createQueue('settable');

    // Act
    await cloud.sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: url,
        Attributes: { VisibilityTimeout: '7', DelaySeconds: '3', MaximumMessageSize: '2048' },
      }),
    );
    const { Attributes } = await cloud.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['VisibilityTimeout', 'DelaySeconds', 'MaximumMessageSize'],
      }),
    );

    // Assert
    expect(Attributes).toEqual({ VisibilityTimeout: '7', DelaySeconds: '3', MaximumMessageSize: '2048' });
  });

  it.each([
    ['VisibilityTimeout', '43201'],
    ['DelaySeconds', '901'],
    ['MaximumMessageSize', '1048577'],
    ['MaximumMessageSize', '1023'],
    ['MessageRetentionPeriod', '59'],
    ['ReceiveMessageWaitTimeSeconds', '21'],
    ['VisibilityTimeout', 'soon'],
  ])('should reject %s=%s with InvalidAttributeValue', async (name, value) => {
    // Arrange
    const url = await cloud.createQueue('range');

    // Act
    const attempt = cloud.sqs.send(
      new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { [name as 'Policy']: value } }),
    );

    // Assert
    await expect(attempt).rejects.toMatchObject({ name: 'InvalidAttributeValue' });
  });

  it('should reject unknown and FIFO-only attribute names on a standard queue with InvalidAttributeName', async () => {
    // Arrange
    const url = await cloud.createQueue('names');

    // Act
    const errors = await Promise.all(
      [
        cloud.sqs.send(
          new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { ['Colour' as 'Policy']: 'blue' } }),
        ),
        cloud.sqs.send(
          new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { ContentBasedDeduplication: 'true' } }),
        ),
        cloud.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Colour' as 'All'] })),
      ].map((call) => call.catch((error: unknown) => error)),
    );

    // Assert
    for (const error of errors) expect(error).toMatchObject({ name: 'InvalidAttributeName' });
  });

  it('should purge all messages and refuse a second purge within 60 seconds', async () => {
    // Arrange
    const url = await cloud.createQueue('purge');
    await cloud.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'one' }));
    await cloud.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'two' }));

    // Act
    await cloud.sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
    const again = await cloud.sqs
      .send(new PurgeQueueCommand({ QueueUrl: url }))
      .catch((error: unknown) => error);
    const { Attributes } = await cloud.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );

    // Assert
    expect(Attributes?.ApproximateNumberOfMessages).toBe('0');
    expect(again).toMatchObject({
      name: 'PurgeQueueInProgress',
      Code: 'AWS.SimpleQueueService.PurgeQueueInProgress',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('should keep tags given at creation and change them with TagQueue and UntagQueue', async () => {
    // Arrange
    const name = uniqueName('tagged');
    const { QueueUrl } = await cloud.sqs.send(
      new CreateQueueCommand({ QueueName: name, tags: { team: 'core' } }),
    );

    // Act
    await cloud.sqs.send(new TagQueueCommand({ QueueUrl, Tags: { env: 'local', team: 'platform' } }));
    await cloud.sqs.send(new UntagQueueCommand({ QueueUrl, TagKeys: ['env'] }));
    const { Tags } = await cloud.sqs.send(new ListQueueTagsCommand({ QueueUrl }));

    // Assert
    expect(Tags).toEqual({ team: 'platform' });
  });

  it('should reject an unknown message system attribute name on ReceiveMessage', async () => {
    // Arrange
    const url = await cloud.createQueue('sysnames');

    // Act
    const attempt = cloud.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['Colour' as 'All'] }),
    );

    // Assert
    await expect(attempt).rejects.toMatchObject({ name: 'InvalidAttributeName' });
  });
});
