import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { type LocalCloud, startLocalCloud } from './local-cloud-fixture';

describe('SQS long polling', () => {
  let cloud: LocalCloud;

  beforeAll(async () => {
    cloud = await startLocalCloud();
  });

  afterAll(async () => {
    await cloud.stop();
  });

  it('should wait WaitTimeSeconds on an empty queue and return nothing', async () => {
    // Arrange
    const url = await cloud.createQueue('empty');
    const started = Date.now();

    // Act
    const { Messages } = await cloud.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 2 }),
    );
    const elapsed = Date.now() - started;

    // Assert
    expect(Messages).toBeUndefined();
    expect(elapsed).toBeGreaterThanOrEqual(1_800);
    expect(elapsed).toBeLessThan(3_000);
  });

  it('should wake a waiting receive within 500 ms of a send', async () => {
    // Arrange
    const url = await cloud.createQueue('wake');
    const waiting = cloud.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 10 }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sentAt = Date.now();

    // Act
    await cloud.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'ping' }));
    const { Messages } = await waiting;
    const latency = Date.now() - sentAt;

    // Assert
    expect(Messages?.[0]?.Body).toBe('ping');
    expect(latency).toBeLessThan(500);
  });

  it('should use the queue ReceiveMessageWaitTimeSeconds when the call gives none', async () => {
    // Arrange
    const url = await cloud.createQueue('queue-wait', { ReceiveMessageWaitTimeSeconds: '1' });
    const started = Date.now();

    // Act
    const { Messages } = await cloud.sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));

    // Assert
    expect(Messages).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('should wake a waiting receive when a delayed message becomes visible', async () => {
    // Arrange
    const url = await cloud.createQueue('delayed-wake');
    await cloud.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'later', DelaySeconds: 1 }));
    const started = Date.now();

    // Act
    const { Messages } = await cloud.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 5 }),
    );
    const elapsed = Date.now() - started;

    // Assert
    expect(Messages?.[0]?.Body).toBe('later');
    expect(elapsed).toBeGreaterThanOrEqual(700);
    expect(elapsed).toBeLessThan(1_800);
  });

  it('should hand each message to only one of several waiting receivers', async () => {
    // Arrange
    const url = await cloud.createQueue('fanin');
    const receivers = Array.from({ length: 3 }, () =>
      cloud.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 2 })),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));

    // Act
    await cloud.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'only-once' }));
    const results = await Promise.all(receivers);

    // Assert
    const delivered = results.flatMap((r) => r.Messages ?? []);
    expect(delivered.map((m) => m.Body)).toEqual(['only-once']);
  });

  it('should end long polls promptly when the services stop', async () => {
    // Arrange
    const other = await (await import('./local-cloud-fixture')).startLocalCloud();
    const url = await other.createQueue('shutdown');
    const waiting = other.sqs
      .send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }))
      .catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();

    // Act
    await other.stop();
    await waiting;

    // Assert
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
