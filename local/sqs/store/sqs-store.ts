import Database from 'better-sqlite3';
import { openDurableDatabase } from '../../store/open-durable-database';
import type { MessageMoveTask } from '../engine/message-move-tasks';
import type { MessageAttributes, MessageAttributeValue, SqsMessage } from '../sqs-message';
import type { SqsQueue } from '../sqs-queue';
import { MessageRowIds } from './message-row-ids';
import { migrateSqsStore, SQS_SCHEMA } from './sqs-schema';

/** A FIFO deduplication entry: a repeated id within 5 minutes answers the first send again. */
export interface DedupEntry {
  readonly messageId: string;
  readonly sequenceNumber: string | undefined;
  readonly expiresAt: number;
}

export interface StoredState {
  readonly queues: SqsQueue[];
  readonly dedup: Array<{ queue: string; key: string; entry: DedupEntry }>;
}

type Row = Record<string, unknown>;

function encodeAttributes(attributes: MessageAttributes | undefined): string | null {
  if (attributes === undefined) return null;
  const plain: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }> = {};
  for (const [name, value] of Object.entries(attributes)) {
    plain[name] = {
      DataType: value.DataType,
      ...(value.StringValue !== undefined && { StringValue: value.StringValue }),
      ...(value.BinaryValue !== undefined && { BinaryValue: value.BinaryValue.toString('base64') }),
    };
  }
  return JSON.stringify(plain);
}

function decodeAttributes(text: unknown): MessageAttributes | undefined {
  if (typeof text !== 'string') return undefined;
  const plain = JSON.parse(text) as Record<
    string,
    { DataType: string; StringValue?: string; BinaryValue?: string }
  >;
  const attributes: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(plain)) {
    attributes[name] = {
      DataType: value.DataType,
      ...(value.StringValue !== undefined && { StringValue: value.StringValue }),
      ...(value.BinaryValue !== undefined && { BinaryValue: Buffer.from(value.BinaryValue, 'base64') }),
    };
  }
  return attributes;
}

const optional = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * A message the model holds is always stored: a miss, whether the row key is unknown or its row
 * is gone, means the two disagree, so it stops the call (and rolls back its transaction) rather
 * than acknowledge a change that was not written.
 */
const notStored = (messageId: string): Error => new Error(`message ${messageId} is not stored`);

const changedOneRow = (result: Database.RunResult, messageId: string): void => {
  if (result.changes !== 1) throw notStored(messageId);
};

/**
 * Durable SQS state in one SQLite file. Every acknowledged change is one committed transaction
 * before the answer leaves the process (see `openDurableDatabase` for why that is durable).
 */
export class SqsStore {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly rowIds = new MessageRowIds();

  constructor(file: string) {
    this.db = openDurableDatabase(file, SQS_SCHEMA);
    migrateSqsStore(this.db);
    const db = this.db;
    this.statements = {
      putQueue: db.prepare(
        `INSERT INTO queues (name, arn, is_fifo, created, modified, attributes, tags, sequence, last_purge)
         VALUES (@name, @arn, @isFifo, @created, @modified, @attributes, @tags, @sequence, @lastPurge)
         ON CONFLICT (name) DO UPDATE SET modified = excluded.modified, attributes = excluded.attributes,
           tags = excluded.tags, sequence = excluded.sequence, last_purge = excluded.last_purge`,
      ),
      deleteQueue: db.prepare('DELETE FROM queues WHERE name = ?'),
      deleteQueueMessages: db.prepare('DELETE FROM messages WHERE queue = ?'),
      deleteQueueDedup: db.prepare('DELETE FROM dedup WHERE queue = ?'),
      insertMessage: db.prepare(
        `INSERT INTO messages (queue, message_id, body, message_attributes, system_attributes, md5_body,
           md5_attributes, md5_system, sent, enqueued, arrived, group_id, dedup_id, sequence_number, dlq_source,
           visible_at, receive_count, first_receive, receipt_handle)
         VALUES (@queue, @messageId, @body, @messageAttributes, @systemAttributes, @md5Body, @md5Attributes,
           @md5System, @sent, @enqueued, @arrived, @groupId, @dedupId, @sequenceNumber, @dlqSource, @visibleAt,
           @receiveCount, @firstReceive, @receiptHandle)`,
      ),
      updateMessage: db.prepare(
        `UPDATE messages SET visible_at = @visibleAt, receive_count = @receiveCount,
           first_receive = @firstReceive, receipt_handle = @receiptHandle WHERE seq = @seq`,
      ),
      deleteMessage: db.prepare('DELETE FROM messages WHERE seq = ?'),
      putDedup: db.prepare(
        `INSERT OR REPLACE INTO dedup (queue, key, message_id, sequence_number, expires)
         VALUES (?, ?, ?, ?, ?)`,
      ),
      deleteExpiredDedup: db.prepare('DELETE FROM dedup WHERE expires <= ?'),
      putMoveTask: db.prepare('INSERT OR REPLACE INTO move_tasks (handle, started, task) VALUES (?, ?, ?)'),
    };
  }

  /** Reads everything back after a start or a crash; messages come back in send order. */
  load(): StoredState {
    const queues = new Map<string, SqsQueue>();
    for (const row of this.db.prepare('SELECT * FROM queues ORDER BY created, name').all() as Row[]) {
      queues.set(String(row.name), {
        name: String(row.name),
        arn: String(row.arn),
        isFifo: row.is_fifo === 1,
        createdTimestamp: Number(row.created),
        lastModifiedTimestamp: Number(row.modified),
        attributes: JSON.parse(String(row.attributes)) as Record<string, string>,
        tags: JSON.parse(String(row.tags)) as Record<string, string>,
        sequence: BigInt(String(row.sequence)),
        lastPurgeAt: Number(row.last_purge),
        messages: new Map(),
      });
    }
    for (const row of this.db.prepare('SELECT * FROM messages ORDER BY seq').iterate() as Iterable<Row>) {
      const queue = queues.get(String(row.queue));
      if (queue === undefined) continue;
      const message: SqsMessage = {
        messageId: String(row.message_id),
        body: String(row.body),
        messageAttributes: decodeAttributes(row.message_attributes),
        systemAttributes: decodeAttributes(row.system_attributes),
        md5OfBody: String(row.md5_body),
        md5OfMessageAttributes: optional(row.md5_attributes),
        md5OfSystemAttributes: optional(row.md5_system),
        sentTimestamp: Number(row.sent),
        enqueuedAt: Number(row.enqueued),
        // Rows written before the column existed: the enqueue time is the best estimate.
        arrivedAt: Number(row.arrived ?? row.enqueued),
        messageGroupId: optional(row.group_id),
        messageDeduplicationId: optional(row.dedup_id),
        sequenceNumber: optional(row.sequence_number),
        deadLetterSourceArn: optional(row.dlq_source),
        visibleAt: Number(row.visible_at),
        receiveCount: Number(row.receive_count),
        firstReceiveTimestamp: Number(row.first_receive),
        receiptHandle: optional(row.receipt_handle),
      };
      queue.messages.set(message.messageId, message);
      this.rowIds.add(message.messageId, { seq: Number(row.seq), queue: queue.name });
    }
    const dedup = (this.db.prepare('SELECT * FROM dedup').all() as Row[]).map((row) => ({
      queue: String(row.queue),
      key: String(row.key),
      entry: {
        messageId: String(row.message_id),
        sequenceNumber: optional(row.sequence_number),
        expiresAt: Number(row.expires),
      },
    }));
    return { queues: [...queues.values()], dedup };
  }

  /** Runs `work` as one transaction: all of its writes commit together or none do. */
  transaction<T>(work: () => T): T {
    return this.rowIds.within(() => this.db.transaction(work)());
  }

  putQueue(queue: SqsQueue): void {
    this.statements.putQueue.run({
      name: queue.name,
      arn: queue.arn,
      isFifo: queue.isFifo ? 1 : 0,
      created: queue.createdTimestamp,
      modified: queue.lastModifiedTimestamp,
      attributes: JSON.stringify(queue.attributes),
      tags: JSON.stringify(queue.tags),
      sequence: queue.sequence.toString(),
      lastPurge: queue.lastPurgeAt,
    });
  }

  deleteQueue(name: string): void {
    this.transaction(() => {
      this.statements.deleteQueue.run(name);
      this.statements.deleteQueueMessages.run(name);
      this.statements.deleteQueueDedup.run(name);
      this.rowIds.removeQueue(name);
    });
  }

  purgeMessages(queueName: string): void {
    this.statements.deleteQueueMessages.run(queueName);
    this.rowIds.removeQueue(queueName);
  }

  /** Stores a new message; one still stored under the same id must be deleted first. */
  insertMessage(queueName: string, message: SqsMessage): void {
    if (this.rowIds.has(message.messageId)) {
      throw new Error(`message ${message.messageId} is already stored`);
    }
    const { lastInsertRowid } = this.statements.insertMessage.run({
      queue: queueName,
      messageId: message.messageId,
      body: message.body,
      messageAttributes: encodeAttributes(message.messageAttributes),
      systemAttributes: encodeAttributes(message.systemAttributes),
      md5Body: message.md5OfBody,
      md5Attributes: message.md5OfMessageAttributes ?? null,
      md5System: message.md5OfSystemAttributes ?? null,
      sent: message.sentTimestamp,
      enqueued: message.enqueuedAt,
      arrived: message.arrivedAt,
      groupId: message.messageGroupId ?? null,
      dedupId: message.messageDeduplicationId ?? null,
      sequenceNumber: message.sequenceNumber ?? null,
      dlqSource: message.deadLetterSourceArn ?? null,
      visibleAt: message.visibleAt,
      receiveCount: message.receiveCount,
      firstReceive: message.firstReceiveTimestamp,
      receiptHandle: message.receiptHandle ?? null,
    });
    this.rowIds.add(message.messageId, { seq: Number(lastInsertRowid), queue: queueName });
  }

  /** Persists the receive state (visibility, count, receipt handle) of a message. */
  updateMessage(message: SqsMessage): void {
    const result = this.statements.updateMessage.run({
      seq: this.seqOf(message.messageId),
      visibleAt: message.visibleAt,
      receiveCount: message.receiveCount,
      firstReceive: message.firstReceiveTimestamp,
      receiptHandle: message.receiptHandle ?? null,
    });
    changedOneRow(result, message.messageId);
  }

  deleteMessage(messageId: string): void {
    changedOneRow(this.statements.deleteMessage.run(this.seqOf(messageId)), messageId);
    this.rowIds.remove(messageId);
  }

  private seqOf(messageId: string): number {
    const seq = this.rowIds.seqOf(messageId);
    if (seq === undefined) throw notStored(messageId);
    return seq;
  }

  putDedup(queueName: string, key: string, entry: DedupEntry): void {
    this.statements.putDedup.run(
      queueName,
      key,
      entry.messageId,
      entry.sequenceNumber ?? null,
      entry.expiresAt,
    );
  }

  deleteExpiredDedup(now: number): void {
    this.statements.deleteExpiredDedup.run(now);
  }

  /** Saves a message move task as JSON: it is only ever read back whole. */
  putMoveTask(task: MessageMoveTask): void {
    this.statements.putMoveTask.run(task.TaskHandle ?? '', task.StartedTimestamp, JSON.stringify(task));
  }

  /** Saved move tasks, oldest first. */
  loadMoveTasks(): MessageMoveTask[] {
    const rows = this.db.prepare('SELECT task FROM move_tasks ORDER BY started, rowid').all() as Row[];
    return rows.map((row) => JSON.parse(String(row.task)) as MessageMoveTask);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
