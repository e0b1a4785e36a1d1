import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CancelMessageMoveTaskCommand,
  GetQueueAttributesCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { startServices } from '../../../../local';
import { eventually, type LocalCloud, startLocalCloud } from './local-cloud-fixture';

describe('SQS dead-letter queues and message move tasks', () => {
  let cloud: LocalCloud;

  beforeAll(async () => {
    cloud = await startLocalCloud();
  });

  afterAll(async () => {
    await cloud.stop();
  });

  const arnOf = async (queueUrl: string): Promise<string> => {
    const { Attributes } = await cloud.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
    );
    return Attributes?.QueueArn as string;
  };

  const countOf = async (queueUrl: string): Promise<number> => {
    const { Attributes } = await cloud.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    return Number(Attributes?.ApproximateNumberOfMessages);
  };

  /** A source queue whose messages go to a new DLQ after `maxReceiveCount` receives. */
  const queuePair = async (maxReceiveCount = 2, fifo = false) => {
    const extra: Record<string, string> = fifo ? { FifoQueue: 'true' } : {};
    const dlqUrl = await cloud.createQueue('dlq', extra);
    const dlqArn = await arnOf(dlqUrl);
    const sourceUrl = await cloud.createQueue('source', {
      ...extra,
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount }),
    });
    return { dlqUrl, dlqArn, sourceUrl, sourceArn: await arnOf(sourceUrl) };
  };

  it('should move a message to the DLQ once it was received maxReceiveCount times', async () => {
    // Arrange
    const { dlqUrl, sourceUrl, sourceArn } = await queuePair(2);
    const sent = await cloud.sqs.send(new SendMessageCommand({ QueueUrl: sourceUrl, MessageBody: 'poison' }));
    const receive = () =>
      cloud.sqs.send(new ReceiveMessageCommand({ QueueUrl: sourceUrl, VisibilityTimeout: 0 }));

    // Act
    const first = await receive();
    const second = await receive();
    const third = await receive();
    const dead = await cloud.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlqUrl, MessageSystemAttributeNames: ['All'] }),
    );

    // Assert
    expect(first.Messages).toHaveLength(1);
    expect(second.Messages).toHaveLength(1);
    expect(third.Messages).toBeUndefined();
    expect(dead.Messages?.[0]).toMatchObject({ MessageId: sent.MessageId, Body: 'poison' });
    expect(dead.Messages?.[0]?.Attributes?.DeadLetterQueueSourceArn).toBe(sourceArn);
  });

  it('should dead-letter FIFO messages into a FIFO DLQ', async () => {
    // Arrange
    const { dlqUrl, sourceUrl } = await queuePair(1, true);
    await cloud.sqs.send(
      new SendMessageCommand({
        QueueUrl: sourceUrl,
        MessageBody: 'f',
        MessageGroupId: 'g',
        MessageDeduplicationId: 'd',
      }),
    );
    await cloud.sqs.send(new ReceiveMessageCommand({ QueueUrl: sourceUrl, VisibilityTimeout: 0 }));

    // Act
    const again = await cloud.sqs.send(new ReceiveMessageCommand({ QueueUrl: sourceUrl }));
    const dead = await cloud.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl }));

    // Assert
    expect(again.Messages).toBeUndefined();
    expect(dead.Messages?.[0]?.Body).toBe('f');
  });

  it('should list the source queues of a DLQ', async () => {
    // Arrange
    const { dlqUrl, sourceUrl } = await queuePair();

    // Act
    const { queueUrls } = await cloud.sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlqUrl }));

    // Assert
    expect(queueUrls).toEqual([sourceUrl]);
  });

  it.each([
    [
      'a missing target',
      { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:nope', maxReceiveCount: 1 },
    ],
    ['a maxReceiveCount of 0', { maxReceiveCount: 0 }],
    ['a maxReceiveCount above 1000', { maxReceiveCount: 1001 }],
    ['no maxReceiveCount', { maxReceiveCount: undefined }],
  ])('should reject a RedrivePolicy with %s', async (_label, override) => {
    // Arrange
    const dlqArn = await arnOf(await cloud.createQueue('target'));
    const url = await cloud.createQueue('bad-policy');

    // Act
    const attempt = cloud.sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: url,
        Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, ...override }) },
      }),
    );

    // Assert
    await expect(attempt).rejects.toMatchObject({ name: 'InvalidAttributeValue' });
  });

  it('should reject a standard DLQ for a FIFO queue and honour a denyAll RedriveAllowPolicy', async () => {
    // Arrange
    const standardArn = await arnOf(await cloud.createQueue('standard-dlq'));
    const closedArn = await arnOf(
      await cloud.createQueue('closed-dlq', {
        RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'denyAll' }),
      }),
    );
    const fifoUrl = await cloud.createQueue('fifo-source', { FifoQueue: 'true' });
    const standardUrl = await cloud.createQueue('standard-source');

    // Act
    const mixed = cloud.sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: fifoUrl,
        Attributes: {
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: standardArn, maxReceiveCount: 1 }),
        },
      }),
    );
    const denied = cloud.sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: standardUrl,
        Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: closedArn, maxReceiveCount: 1 }) },
      }),
    );

    // Assert
    await expect(mixed).rejects.toMatchObject({ name: 'InvalidAttributeValue' });
    await expect(denied).rejects.toMatchObject({ name: 'InvalidAttributeValue' });
  });

  it('should move dead-lettered messages back to their source with StartMessageMoveTask', async () => {
    // Arrange
    const { dlqUrl, dlqArn, sourceUrl } = await queuePair(1);
    for (const body of ['one', 'two', 'three']) {
      await cloud.sqs.send(new SendMessageCommand({ QueueUrl: sourceUrl, MessageBody: body }));
    }
    await cloud.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: sourceUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
    );
    await cloud.sqs.send(new ReceiveMessageCommand({ QueueUrl: sourceUrl, MaxNumberOfMessages: 10 }));
    expect(await countOf(dlqUrl)).toBe(3);

    // Act
    const { TaskHandle } = await cloud.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    const finished = await eventually(async () => {
      const { Results = [] } = await cloud.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }));
      return Results[0]?.Status === 'COMPLETED' ? Results[0] : undefined;
    });
    const { Messages = [] } = await cloud.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: sourceUrl,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ['All'],
      }),
    );

    // Assert
    expect(TaskHandle).toBeDefined();
    expect(finished).toMatchObject({
      ApproximateNumberOfMessagesMoved: 3,
      ApproximateNumberOfMessagesToMove: 3,
    });
    expect(Messages.map((m) => m.Body).sort()).toEqual(['one', 'three', 'two']);
    expect(Messages[0]?.Attributes?.ApproximateReceiveCount).toBe('1');
    expect(await countOf(dlqUrl)).toBe(0);
  });

  it('should respect MaxNumberOfMessagesPerSecond and move to an explicit DestinationArn', async () => {
    // Arrange
    const { dlqUrl, dlqArn } = await queuePair(1);
    const destinationUrl = await cloud.createQueue('destination');
    const destinationArn = await arnOf(destinationUrl);
    for (let i = 0; i < 6; i += 1) cloud.services.sqs.sendMessage(dlqUrl, `m${i}`);
    const started = Date.now();

    // Act
    await cloud.sqs.send(
      new StartMessageMoveTaskCommand({
        SourceArn: dlqArn,
        DestinationArn: destinationArn,
        MaxNumberOfMessagesPerSecond: 5,
      }),
    );
    await eventually(async () => ((await countOf(destinationUrl)) === 6 ? true : undefined), {
      timeoutMs: 5_000,
    });
    const elapsed = Date.now() - started;

    // Assert
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(await countOf(dlqUrl)).toBe(0);
  });

  it('should fail a move task without DestinationArn when a message was never dead-lettered', async () => {
    // Arrange
    const { dlqUrl, dlqArn } = await queuePair(1);
    cloud.services.sqs.sendMessage(dlqUrl, 'sent straight to the DLQ');

    // Act
    await cloud.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    const failed = await eventually(async () => {
      const { Results = [] } = await cloud.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }));
      return Results[0]?.Status === 'FAILED' ? Results[0] : undefined;
    });

    // Assert
    expect(failed.FailureReason).toEqual(expect.any(String));
    expect(await countOf(dlqUrl)).toBe(1);
  });

  it('should cancel a running move task and refuse a second concurrent one', async () => {
    // Arrange
    const { dlqUrl, dlqArn, sourceUrl } = await queuePair(1);
    const sourceArn = await arnOf(sourceUrl);
    for (let i = 0; i < 20; i += 1) cloud.services.sqs.sendMessage(dlqUrl, `m${i}`);
    const { TaskHandle } = await cloud.sqs.send(
      new StartMessageMoveTaskCommand({
        SourceArn: dlqArn,
        DestinationArn: sourceArn,
        MaxNumberOfMessagesPerSecond: 1,
      }),
    );

    // Act
    const second = await cloud.sqs
      .send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn, DestinationArn: sourceArn }))
      .catch((error: unknown) => error);
    const cancelled = await cloud.sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
    const { Results = [] } = await cloud.sqs.send(
      new ListMessageMoveTasksCommand({ SourceArn: dlqArn, MaxResults: 10 }),
    );

    // Assert
    expect(second).toMatchObject({ name: 'UnsupportedOperation' });
    expect(cancelled.ApproximateNumberOfMessagesMoved).toBeLessThan(20);
    expect(Results[0]).toMatchObject({ Status: 'CANCELLED', SourceArn: dlqArn, DestinationArn: sourceArn });
    expect(Results[0]?.TaskHandle).toBeUndefined();
    expect(await countOf(dlqUrl)).toBeGreaterThan(0);
  });

  it('should reject move tasks from a queue that is not a DLQ, from unknown queues and with bad rates', async () => {
    // Arrange
    const plainArn = await arnOf(await cloud.createQueue('plain'));
    const { dlqArn } = await queuePair();

    // Act
    const errors = await Promise.all(
      [
        cloud.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: plainArn })),
        cloud.sqs.send(
          new StartMessageMoveTaskCommand({ SourceArn: 'arn:aws:sqs:us-east-1:000000000000:none' }),
        ),
        cloud.sqs.send(
          new StartMessageMoveTaskCommand({ SourceArn: dlqArn, MaxNumberOfMessagesPerSecond: 501 }),
        ),
        cloud.sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: 'unknown' })),
      ].map((call) => call.catch((error: unknown) => error)),
    );

    // Assert
    expect(errors).toEqual([
      expect.objectContaining({ name: 'InvalidParameterValue' }),
      expect.objectContaining({ name: 'ResourceNotFoundException' }),
      expect.objectContaining({ name: 'InvalidParameterValue' }),
      expect.objectContaining({ name: 'ResourceNotFoundException' }),
    ]);
  });

  it('should resume a running move task after a restart', async () => {
    // Arrange
    const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-move-'));
    const first = await startServices({ port: 0, dataDir });
    const dlq = first.sqs.createQueue('resume-dlq');
    const source = first.sqs.createQueue('resume-source', {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }),
    });
    for (let i = 0; i < 4; i += 1) first.sqs.sendMessage(dlq.url, `m${i}`);
    first.sqs.startMessageMoveTask({
      sourceArn: dlq.arn,
      destinationArn: source.arn,
      maxNumberOfMessagesPerSecond: 2,
    });
    await first.stop();

    // Act
    const second = await startServices({ port: 0, dataDir });
    try {
      const done = await eventually(() => {
        const [task] = second.sqs.listMessageMoveTasks(dlq.arn);
        return task?.Status === 'COMPLETED' ? task : undefined;
      });
      const moved = await second.sqs.receiveMessages(source.url, { maxNumberOfMessages: 10 });

      // Assert
      expect(done.ApproximateNumberOfMessagesMoved).toBe(4);
      expect(moved.map((m) => m.Body).sort()).toEqual(['m0', 'm1', 'm2', 'm3']);
    } finally {
      await second.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
