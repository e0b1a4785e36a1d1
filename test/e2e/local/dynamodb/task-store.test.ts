import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TaskRecord } from '../../../../functions/shared/task-record';
import { TaskStore } from '../../../../functions/shared/task-store';
import { LOCAL_CREDENTIALS, type RunningServices, startServices } from '../../../../local';

/*
 * The task store's conditional writes against a real DynamoDB implementation (dynalite behind
 * the local endpoint): the unit tests' in-memory table only imitates these expressions.
 */
describe('TaskStore on DynamoDB', () => {
  const LEASE_MS = 60_000;
  let dataDir: string;
  let services: RunningServices;
  let documents: DynamoDBDocumentClient;
  let store: TaskStore;
  let counter = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchyard-task-store-'));
    services = await startServices({ port: 0, dataDir });
    const client = new DynamoDBClient({
      endpoint: services.url,
      region: services.region,
      credentials: { ...LOCAL_CREDENTIALS },
    });
    await client.send(
      new CreateTableCommand({
        TableName: 'tasks',
        AttributeDefinitions: [{ AttributeName: 'taskId', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'taskId', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    documents = DynamoDBDocumentClient.from(client);
    store = new TaskStore(documents, 'tasks');
  });

  afterAll(async () => {
    documents?.destroy();
    await services?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A new task, accepted. */
  const accepted = async (): Promise<string> => {
    counter += 1;
    const taskId = `task-${counter}`;
    await store.create({
      taskId,
      type: 'webhook',
      status: 'ACCEPTED',
      attempts: 0,
      correlationId: `corr-${counter}`,
      createdAt: '2026-11-29T12:00:00.000Z',
      updatedAt: '2026-11-29T12:00:00.000Z',
      history: [{ event: 'ACCEPTED', at: '2026-11-29T12:00:00.000Z' }],
    });
    return taskId;
  };

  /** A task whose message `m1` used up its retries: FAILED, RETRIES_EXHAUSTED. */
  const exhausted = async (options: { published: boolean }): Promise<string> => {
    const taskId = await accepted();
    await store.claim(taskId, Date.now(), LEASE_MS, 'm1');
    await store.fail(taskId, 1, { code: 'RETRIES_EXHAUSTED', message: 'HTTP 503' }, Date.now());
    if (options.published) await store.markOutcomePublished(taskId, 1);
    return taskId;
  };

  const statusOf = async (taskId: string): Promise<TaskRecord> => (await store.get(taskId)) as TaskRecord;

  describe('claim', () => {
    it('should start an attempt and remember the message that started it', async () => {
      // Arrange
      const taskId = await accepted();

      // Act
      const claim = await store.claim(taskId, Date.now(), LEASE_MS, 'm1');

      // Assert
      expect(claim).toMatchObject({
        kind: 'claimed',
        record: { status: 'PROCESSING', attempts: 1, lastMessageId: 'm1' },
      });
      expect((await statusOf(taskId)).runMessageIds).toEqual(new Set(['m1']));
    });

    it('should restart a task whose retries ran out for a new message, clearing the old failure', async () => {
      // Arrange
      const taskId = await exhausted({ published: true });

      // Act
      const claim = await store.claim(taskId, Date.now(), LEASE_MS, 'redriven');

      // Assert
      expect(claim).toMatchObject({
        kind: 'claimed',
        redriven: true,
        record: { status: 'PROCESSING', attempts: 2 },
      });
      const record = await statusOf(taskId);
      expect(record.error).toBeUndefined();
      expect(record.outcomePublished).toBeUndefined();
      expect(record.runMessageIds).toEqual(new Set(['m1', 'redriven']));
      expect(record.history.map((entry) => entry.event).slice(-2)).toEqual(['REDRIVEN', 'STARTED']);
    });

    it('should not restart it for the message that used up its retries', async () => {
      // Arrange
      const taskId = await exhausted({ published: true });

      // Act & Assert
      expect(await store.claim(taskId, Date.now(), LEASE_MS, 'm1')).toMatchObject({ kind: 'finished' });
    });

    it('should not restart it before its failure is on the bus', async () => {
      // Arrange
      const taskId = await exhausted({ published: false });

      // Act & Assert
      expect(await store.claim(taskId, Date.now(), LEASE_MS, 'redriven')).toMatchObject({ kind: 'finished' });
    });

    it('should not let a message that ran the task once restart it again', async () => {
      // Arrange: two redriven copies took turns; the second used up the retries
      const taskId = await exhausted({ published: true });
      await store.claim(taskId, Date.now(), LEASE_MS, 'copy-a');
      await store.release(taskId, 2, 'HTTP 503', Date.now());
      await store.claim(taskId, Date.now(), LEASE_MS, 'copy-b');
      await store.fail(taskId, 3, { code: 'RETRIES_EXHAUSTED', message: 'HTTP 503' }, Date.now());
      await store.markOutcomePublished(taskId, 3);

      // Act & Assert
      expect(await store.claim(taskId, Date.now(), LEASE_MS, 'copy-a')).toMatchObject({ kind: 'finished' });
      expect((await statusOf(taskId)).attempts).toBe(3);
    });

    it('should restart a record written before messages were remembered', async () => {
      // Arrange
      const taskId = await exhausted({ published: true });
      await documents.send(
        new UpdateCommand({
          TableName: 'tasks',
          Key: { taskId },
          UpdateExpression: 'REMOVE lastMessageId, runMessageIds',
        }),
      );

      // Act & Assert
      expect(await store.claim(taskId, Date.now(), LEASE_MS, 'redriven')).toMatchObject({
        kind: 'claimed',
        redriven: true,
      });
    });

    it('should never restart a task that failed for good', async () => {
      // Arrange
      const taskId = await accepted();
      await store.claim(taskId, Date.now(), LEASE_MS, 'm1');
      await store.fail(taskId, 1, { code: 'NON_RETRYABLE', message: 'HTTP 410' }, Date.now());
      await store.markOutcomePublished(taskId, 1);

      // Act & Assert
      expect(await store.claim(taskId, Date.now(), LEASE_MS, 'redriven')).toMatchObject({ kind: 'finished' });
    });
  });

  describe('markDeadLettered and release', () => {
    it('should mark a running attempt of the same message, whose release then answers dead-lettered', async () => {
      // Arrange
      const taskId = await accepted();
      await store.claim(taskId, Date.now(), LEASE_MS, 'm1');

      // Act
      const marked = await store.markDeadLettered(taskId, 1, Date.now(), 'm1');
      const released = await store.release(taskId, 1, 'HTTP 503', Date.now());

      // Assert
      expect(marked).toBe(true);
      expect(released).toBe('dead-lettered');
      expect(await statusOf(taskId)).toMatchObject({
        status: 'PROCESSING',
        deadLetteredAt: expect.any(String),
      });
    });

    it('should not mark an attempt whose lease was released, nor one of another message', async () => {
      // Arrange
      const released = await accepted();
      await store.claim(released, Date.now(), LEASE_MS, 'm1');
      await store.release(released, 1, 'HTTP 503', Date.now());
      const other = await accepted();
      await store.claim(other, Date.now(), LEASE_MS, 'm1');

      // Act & Assert
      expect(await store.markDeadLettered(released, 1, Date.now(), 'm1')).toBe(false);
      expect(await store.markDeadLettered(other, 1, Date.now(), 'another-message')).toBe(false);
      expect((await statusOf(other)).deadLetteredAt).toBeUndefined();
    });
  });

  describe('markOutcomePublished', () => {
    it('should leave a later run alone when a late call names an earlier attempt', async () => {
      // Arrange: restarted, then failed again
      const taskId = await exhausted({ published: true });
      await store.claim(taskId, Date.now(), LEASE_MS, 'redriven');
      await store.fail(taskId, 2, { code: 'RETRIES_EXHAUSTED', message: 'HTTP 503' }, Date.now());

      // Act
      await store.markOutcomePublished(taskId, 1);

      // Assert
      expect((await statusOf(taskId)).outcomePublished).toBeUndefined();
    });
  });
});
