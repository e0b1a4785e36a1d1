import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqsModel } from '../../../../local';
import { SqsStore } from '../../../../local/sqs/store/sqs-store';

/** The model on a real SQLite file with a clock the test moves, for behaviour measured in minutes or days. */
function openModel(file: string, clock: { now: number }): { model: SqsModel; close(): void } {
  const store = new SqsStore(file);
  const model = new SqsModel({ store, clock: () => clock.now });
  return {
    model,
    close: () => {
      model.close();
      store.close();
    },
  };
}

describe('SqsModel with a controlled clock', () => {
  let dir: string;
  const clock = { now: Date.now() };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-model-'));
    clock.now = Date.now();
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('should drop messages older than MessageRetentionPeriod', async () => {
    // Arrange
    const { model, close } = openModel(join(dir, 'sqs.db'), clock);
    const queue = model.createQueue('retained', { MessageRetentionPeriod: '60' });
    model.sendMessage(queue.url, 'old');
    clock.now += 30_000;
    model.sendMessage(queue.url, 'young');

    // Act
    clock.now += 31_000;
    const counts = model.getQueueAttributes(queue.url, ['ApproximateNumberOfMessages']);
    const received = await model.receiveMessages(queue.url, { maxNumberOfMessages: 10 });
    close();

    // Assert
    expect(counts.ApproximateNumberOfMessages).toBe('1');
    expect(received.map((m) => m.Body)).toEqual(['young']);
  });

  it('should apply a shortened MessageRetentionPeriod to messages already in the queue', async () => {
    // Arrange
    const { model, close } = openModel(join(dir, 'sqs.db'), clock);
    const queue = model.createQueue('shortened');
    model.sendMessage(queue.url, 'waiting');
    clock.now += 2 * 60_000;

    // Act
    model.setQueueAttributes(queue.url, { MessageRetentionPeriod: '60' });
    const received = await model.receiveMessages(queue.url);
    close();

    // Assert
    expect(received).toEqual([]);
  });

  it('should accept a FIFO deduplication id again once the 5-minute window has passed', () => {
    // Arrange
    const { model, close } = openModel(join(dir, 'sqs.db'), clock);
    const queue = model.createQueue('window.fifo', { FifoQueue: 'true' });
    const options = { messageGroupId: 'g', messageDeduplicationId: 'same' };
    const first = model.sendMessage(queue.arn, 'a', options);

    // Act
    clock.now += 4 * 60_000;
    const duplicate = model.sendMessage(queue.arn, 'a', options);
    clock.now += 61_000 + 60_000;
    const fresh = model.sendMessage(queue.arn, 'a', options);
    close();

    // Assert
    expect(duplicate.MessageId).toBe(first.MessageId);
    expect(fresh.MessageId).not.toBe(first.MessageId);
  });

  it('should restore queues, messages, receive state and FIFO sequence after reopening the store', async () => {
    // Arrange
    const file = join(dir, 'sqs.db');
    const first = openModel(file, clock);
    const standard = first.model.createQueue('kept', { VisibilityTimeout: '10' });
    const fifo = first.model.createQueue('kept.fifo', {
      FifoQueue: 'true',
      ContentBasedDeduplication: 'true',
    });
    first.model.sendMessage(standard.url, 'visible');
    first.model.sendMessage(standard.url, 'taken');
    const firstSequence = first.model.sendMessage(fifo.url, 'one', { messageGroupId: 'g' }).SequenceNumber;
    clock.now += 1;
    await first.model.receiveMessages(standard.url);
    first.close();

    // Act
    const second = openModel(file, clock);
    const duplicate = second.model.sendMessage(fifo.url, 'one', { messageGroupId: 'g' });
    const nextSequence = second.model.sendMessage(fifo.url, 'two', { messageGroupId: 'g' }).SequenceNumber;
    const visibleNow = await second.model.receiveMessages(standard.url, {
      maxNumberOfMessages: 10,
      visibilityTimeout: 60,
    });
    clock.now += 11_000;
    const afterTimeout = await second.model.receiveMessages(standard.url, {
      maxNumberOfMessages: 10,
      systemAttributeNames: ['ApproximateReceiveCount'],
    });
    second.close();

    // Assert
    expect(duplicate.SequenceNumber).toBe(firstSequence);
    expect(BigInt(nextSequence as string)).toBeGreaterThan(BigInt(firstSequence as string));
    expect(visibleNow.map((m) => m.Body)).toEqual(['taken']);
    expect(afterTimeout.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount])).toEqual([
      ['visible', '2'],
    ]);
  });

  describe('queueMetrics (the gauges SQS publishes to CloudWatch)', () => {
    it('should age the oldest message from its send, and report 0 for an empty queue', () => {
      // Arrange
      const { model, close } = openModel(join(dir, 'sqs.db'), clock);
      const queue = model.createQueue('aged');
      const empty = model.queueMetrics(queue.url);
      model.sendMessage(queue.url, 'first');
      clock.now += 20_000;
      model.sendMessage(queue.url, 'second', { delaySeconds: 60 });

      // Act
      clock.now += 5_500;
      const metrics = model.queueMetrics(queue.url);
      close();

      // Assert
      expect(empty).toEqual({ visible: 0, notVisible: 0, delayed: 0, ageOfOldestMessageSeconds: 0 });
      expect(metrics).toEqual({ visible: 1, notVisible: 0, delayed: 1, ageOfOldestMessageSeconds: 25 });
    });

    it('should stop counting a message received three times while younger ones remain', async () => {
      // Arrange
      const { model, close } = openModel(join(dir, 'sqs.db'), clock);
      const queue = model.createQueue('poison', { VisibilityTimeout: '1' });
      model.sendMessage(queue.url, 'poison');
      clock.now += 10_000;
      const bodies: string[] = [];
      for (let receive = 0; receive < 3; receive += 1) {
        const [message] = await model.receiveMessages(queue.url, { maxNumberOfMessages: 1 });
        bodies.push(message?.Body ?? '');
        clock.now += 1_000;
      }
      const before = model.queueMetrics(queue.url).ageOfOldestMessageSeconds;
      model.sendMessage(queue.url, 'fresh');

      // Act
      clock.now += 4_000;
      const after = model.queueMetrics(queue.url).ageOfOldestMessageSeconds;
      close();

      // Assert
      expect(bodies).toEqual(['poison', 'poison', 'poison']);
      expect(before).toBe(13);
      expect(after).toBe(4);
    });

    it('should age dead letters from their move to the DLQ, whatever their receive count, across a restart', async () => {
      // Arrange: a message fails five receives; later something else lands in the DLQ directly
      const file = join(dir, 'sqs.db');
      const first = openModel(file, clock);
      const dlq = first.model.createQueue('dead');
      const queue = first.model.createQueue('source', {
        VisibilityTimeout: '1',
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }),
      });
      first.model.sendMessage(queue.url, 'failing');
      for (let receive = 0; receive < 6; receive += 1) {
        await first.model.receiveMessages(queue.url, { maxNumberOfMessages: 1 });
        clock.now += 2_000;
      }
      clock.now += 60_000;
      first.model.sendMessage(dlq.url, 'undeliverable event');
      first.close();

      // Act
      clock.now += 7_000;
      const second = openModel(file, clock);
      const metrics = second.model.queueMetrics(dlq.url);
      second.close();

      // Assert: moved on its sixth receive, 10 s after its send and 69 s before this read
      expect(metrics).toMatchObject({ visible: 2, ageOfOldestMessageSeconds: 69 });
    });

    it('should open a data folder written before messages recorded their arrival, aging them from the send', () => {
      // Arrange: a store as the previous version left it, without the `arrived` column
      const file = join(dir, 'sqs.db');
      const first = openModel(file, clock);
      const queue = first.model.createQueue('older');
      first.model.sendMessage(queue.url, 'kept');
      first.close();
      const raw = new Database(file);
      raw.exec('ALTER TABLE messages DROP COLUMN arrived');
      raw.close();

      // Act
      clock.now += 9_000;
      const second = openModel(file, clock);
      const metrics = second.model.queueMetrics(queue.url);
      second.model.sendMessage(queue.url, 'new');
      second.close();

      // Assert
      expect(metrics).toMatchObject({ visible: 1, ageOfOldestMessageSeconds: 9 });
    });
  });

  it('should open a data folder whose message ids still have a unique index, and settle its messages', async () => {
    // Arrange: three messages received, the newest deleted, then the table as the previous version made it
    const file = join(dir, 'sqs.db');
    const first = openModel(file, clock);
    const queue = first.model.createQueue('older', { VisibilityTimeout: '5' });
    for (const body of ['a', 'b', 'c']) first.model.sendMessage(queue.url, body);
    const received = await first.model.receiveMessages(queue.url, { maxNumberOfMessages: 10 });
    const handleOf = (body: string) => received.find((m) => m.Body === body)?.ReceiptHandle as string;
    first.model.deleteMessage(queue.url, handleOf('c'));
    first.close();
    const raw = new Database(file);
    raw.exec(`CREATE TABLE old_messages AS SELECT * FROM messages;
      DROP TABLE messages;
      CREATE TABLE messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, queue TEXT NOT NULL,
        message_id TEXT NOT NULL UNIQUE, body TEXT NOT NULL, message_attributes TEXT, system_attributes TEXT,
        md5_body TEXT NOT NULL, md5_attributes TEXT, md5_system TEXT, sent INTEGER NOT NULL,
        enqueued INTEGER NOT NULL, arrived INTEGER, group_id TEXT, dedup_id TEXT, sequence_number TEXT,
        dlq_source TEXT, visible_at INTEGER NOT NULL, receive_count INTEGER NOT NULL,
        first_receive INTEGER NOT NULL, receipt_handle TEXT);
      INSERT INTO messages SELECT * FROM old_messages;
      DROP TABLE old_messages;
      UPDATE sqlite_sequence SET seq = 3 WHERE name = 'messages';`);
    raw.close();

    // Act: settle one old message by its old receipt handle, then send a new one
    const second = openModel(file, clock);
    second.model.deleteMessage(queue.url, handleOf('a'));
    second.model.sendMessage(queue.url, 'd');
    second.close();

    // Assert: no unique index is left, nothing was lost, and the deleted newest seq was not given again
    const check = new Database(file, { readonly: true });
    const uniqueIndexes = check
      .prepare("SELECT COUNT(*) AS n FROM pragma_index_list('messages') WHERE origin = 'u'")
      .get();
    const rows = check.prepare('SELECT seq, body FROM messages ORDER BY seq').all();
    check.close();
    expect(uniqueIndexes).toEqual({ n: 0 });
    expect(rows).toEqual([
      { seq: 2, body: 'b' },
      { seq: 4, body: 'd' },
    ]);
  });
});
