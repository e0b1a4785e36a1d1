import type Database from 'better-sqlite3';

/**
 * The messages table. `seq` keeps send order and addresses a row; message ids are not indexed
 * (see `MessageRowIds`), and AUTOINCREMENT keeps a deleted row's `seq` from being given again.
 */
const MESSAGES_TABLE = (name: string) => `CREATE TABLE IF NOT EXISTS ${name} (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, queue TEXT NOT NULL, message_id TEXT NOT NULL,
  body TEXT NOT NULL, message_attributes TEXT, system_attributes TEXT, md5_body TEXT NOT NULL,
  md5_attributes TEXT, md5_system TEXT, sent INTEGER NOT NULL, enqueued INTEGER NOT NULL, arrived INTEGER,
  group_id TEXT, dedup_id TEXT, sequence_number TEXT, dlq_source TEXT, visible_at INTEGER NOT NULL,
  receive_count INTEGER NOT NULL, first_receive INTEGER NOT NULL, receipt_handle TEXT);`;

const MESSAGE_COLUMNS = `seq, queue, message_id, body, message_attributes, system_attributes, md5_body,
  md5_attributes, md5_system, sent, enqueued, arrived, group_id, dedup_id, sequence_number, dlq_source,
  visible_at, receive_count, first_receive, receipt_handle`;

const MESSAGES_BY_QUEUE = 'CREATE INDEX IF NOT EXISTS messages_by_queue ON messages (queue, seq);';

/** Idempotent DDL of the SQS store, run on every open. */
export const SQS_SCHEMA = `
CREATE TABLE IF NOT EXISTS queues (
  name TEXT PRIMARY KEY, arn TEXT NOT NULL, is_fifo INTEGER NOT NULL, created INTEGER NOT NULL,
  modified INTEGER NOT NULL, attributes TEXT NOT NULL, tags TEXT NOT NULL, sequence TEXT NOT NULL,
  last_purge INTEGER NOT NULL);
${MESSAGES_TABLE('messages')}
${MESSAGES_BY_QUEUE}
CREATE TABLE IF NOT EXISTS move_tasks (
  handle TEXT PRIMARY KEY, started INTEGER NOT NULL, task TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dedup (
  queue TEXT NOT NULL, key TEXT NOT NULL, message_id TEXT NOT NULL, sequence_number TEXT,
  expires INTEGER NOT NULL, PRIMARY KEY (queue, key));
`;

/**
 * Brings a data folder from an earlier version up to date, in one transaction so that a crash
 * leaves it as it was: expiry is now derived, not stored; each message records when it entered
 * its queue; and message ids lose their unique index.
 */
export const migrateSqsStore = (db: Database.Database): void => {
  db.transaction(() => {
    const columns = db.prepare('PRAGMA table_info(messages)').all() as Array<{ name: string }>;
    if (columns.some((column) => column.name === 'expires')) {
      db.exec('ALTER TABLE messages RENAME COLUMN expires TO enqueued; UPDATE messages SET enqueued = sent;');
    }
    if (!columns.some((column) => column.name === 'arrived')) {
      db.exec('ALTER TABLE messages ADD COLUMN arrived INTEGER');
    }
    const uniqueIndexes = db
      .prepare("SELECT COUNT(*) AS n FROM pragma_index_list('messages') WHERE origin = 'u'")
      .get() as { n: number };
    if (uniqueIndexes.n > 0) dropUniqueMessageIds(db);
  })();
};

/** SQLite cannot drop a column's UNIQUE constraint, so the table is copied into one without it. */
const dropUniqueMessageIds = (db: Database.Database): void => {
  const counter = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'messages'").get() as
    | { seq: number }
    | undefined;
  db.exec(`${MESSAGES_TABLE('messages_rebuilt')}
    INSERT INTO messages_rebuilt (${MESSAGE_COLUMNS}) SELECT ${MESSAGE_COLUMNS} FROM messages;
    DROP TABLE messages;
    ALTER TABLE messages_rebuilt RENAME TO messages;
    ${MESSAGES_BY_QUEUE}`);
  // The copy's counter only reached the highest seq still stored; the old one also counts deleted rows.
  if (counter !== undefined) {
    db.prepare("DELETE FROM sqlite_sequence WHERE name = 'messages'").run();
    db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('messages', ?)").run(counter.seq);
  }
};
