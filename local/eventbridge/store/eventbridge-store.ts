import Database from 'better-sqlite3';
import { openDurableDatabase } from '../../store/open-durable-database';
import type {
  ArchiveRecord,
  EventBusRecord,
  PendingDelivery,
  ReplayRecord,
  RuleRecord,
  Tag,
  TargetRecord,
} from '../records/eventbridge-records';

/** A delivery to add to the outbox (id, attempts and due time are assigned by the store). */
export type NewDelivery = Omit<PendingDelivery, 'id' | 'attempts' | 'dueAt' | 'lastError'>;

/** One archived event with its archive sequence number. */
export interface ArchivedEvent {
  readonly seq: number;
  readonly eventJson: string;
}

/*
 * Each entity is one row: key columns for lookups plus the record as JSON, because the service
 * reads whole records and never queries inside them; only the outbox and the archive have
 * columns the engines select on (due time, event time).
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS buses (name TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rules (
  bus TEXT NOT NULL, name TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (bus, name));
CREATE TABLE IF NOT EXISTS targets (
  bus TEXT NOT NULL, rule TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (bus, rule, id));
CREATE TABLE IF NOT EXISTS archives (name TEXT PRIMARY KEY, bus TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS archive_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, archive TEXT NOT NULL, event_time INTEGER NOT NULL,
  archived_at INTEGER NOT NULL, size INTEGER NOT NULL, event TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS archive_events_by_time ON archive_events (archive, event_time, seq);
CREATE TABLE IF NOT EXISTS replays (name TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT, due_at INTEGER NOT NULL, attempts INTEGER NOT NULL,
  data TEXT NOT NULL, last_error TEXT);
CREATE INDEX IF NOT EXISTS outbox_by_due ON outbox (due_at, id);
CREATE TABLE IF NOT EXISTS dead_letters (
  id INTEGER PRIMARY KEY AUTOINCREMENT, failed_at INTEGER NOT NULL, data TEXT NOT NULL, reason TEXT NOT NULL);
`;

/*
 * Tables added after the first release. Each step is idempotent DDL run on every open, so a data
 * folder from any earlier version gains what it lacks and keeps all of its rows.
 */
const MIGRATIONS = `
CREATE TABLE IF NOT EXISTS tags (
  arn TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (arn, key));
`;

type Row = Record<string, unknown>;

function parse<T>(row: unknown): T {
  return JSON.parse((row as Row).data as string) as T;
}

/**
 * Durable EventBridge state in its own SQLite file (`<dataDir>/eventbridge.db`), so it neither
 * contends with nor depends on the other services' stores. better-sqlite3 is synchronous: every
 * write the service acknowledges is a committed transaction before the HTTP answer is written
 * (see `openDurableDatabase` for why that survives `kill -9`).
 */
export class EventBridgeStore {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  /** @param file path of the database file, or `:memory:` for tests. */
  constructor(file: string) {
    this.db = openDurableDatabase(file, SCHEMA + MIGRATIONS);
  }

  /** Prepared statements are cached: preparing costs more than running for these small queries. */
  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs `work` in one transaction: all of its writes commit together or not at all. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  close(): void {
    this.db.close();
  }

  // Buses

  getBus(name: string): EventBusRecord | undefined {
    const row = this.prepare('SELECT data FROM buses WHERE name = ?').get(name);
    return row ? parse<EventBusRecord>(row) : undefined;
  }

  listBuses(): EventBusRecord[] {
    return this.prepare('SELECT data FROM buses ORDER BY name')
      .all()
      .map((row) => parse<EventBusRecord>(row));
  }

  putBus(bus: EventBusRecord): void {
    this.prepare('INSERT OR REPLACE INTO buses (name, data) VALUES (?, ?)').run(
      bus.name,
      JSON.stringify(bus),
    );
  }

  /** Deletes the bus with its rules, their targets and the tags of all of them. */
  deleteBus(name: string): void {
    this.transaction(() => {
      this.prepare(
        "DELETE FROM tags WHERE arn IN (SELECT json_extract(data, '$.arn') FROM rules WHERE bus = ?)",
      ).run(name);
      this.prepare(
        "DELETE FROM tags WHERE arn IN (SELECT json_extract(data, '$.arn') FROM buses WHERE name = ?)",
      ).run(name);
      this.prepare('DELETE FROM targets WHERE bus = ?').run(name);
      this.prepare('DELETE FROM rules WHERE bus = ?').run(name);
      this.prepare('DELETE FROM buses WHERE name = ?').run(name);
    });
  }

  // Rules and targets

  getRule(busName: string, name: string): RuleRecord | undefined {
    const row = this.prepare('SELECT data FROM rules WHERE bus = ? AND name = ?').get(busName, name);
    return row ? parse<RuleRecord>(row) : undefined;
  }

  listRules(busName: string): RuleRecord[] {
    return this.prepare('SELECT data FROM rules WHERE bus = ? ORDER BY name')
      .all(busName)
      .map((row) => parse<RuleRecord>(row));
  }

  putRule(rule: RuleRecord): void {
    this.prepare('INSERT OR REPLACE INTO rules (bus, name, data) VALUES (?, ?, ?)').run(
      rule.busName,
      rule.name,
      JSON.stringify(rule),
    );
  }

  /** Deletes the rule and its tags. */
  deleteRule(busName: string, name: string): void {
    this.transaction(() => {
      this.prepare(
        "DELETE FROM tags WHERE arn IN (SELECT json_extract(data, '$.arn') FROM rules WHERE bus = ? AND name = ?)",
      ).run(busName, name);
      this.prepare('DELETE FROM rules WHERE bus = ? AND name = ?').run(busName, name);
    });
  }

  listTargets(busName: string, ruleName: string): TargetRecord[] {
    return this.prepare('SELECT data FROM targets WHERE bus = ? AND rule = ? ORDER BY id')
      .all(busName, ruleName)
      .map((row) => parse<TargetRecord>(row));
  }

  putTarget(busName: string, ruleName: string, target: TargetRecord): void {
    this.prepare('INSERT OR REPLACE INTO targets (bus, rule, id, data) VALUES (?, ?, ?, ?)').run(
      busName,
      ruleName,
      target.Id,
      JSON.stringify(target),
    );
  }

  /** Returns true when a target was removed. */
  deleteTarget(busName: string, ruleName: string, id: string): boolean {
    return (
      this.prepare('DELETE FROM targets WHERE bus = ? AND rule = ? AND id = ?').run(busName, ruleName, id)
        .changes > 0
    );
  }

  // Tags

  /** The resource's tags, by key. */
  listTags(arn: string): Tag[] {
    return this.prepare('SELECT key, value FROM tags WHERE arn = ? ORDER BY key')
      .all(arn)
      .map((row) => ({ Key: String((row as Row).key), Value: String((row as Row).value) }));
  }

  /** Adds the tags to the resource, replacing the values of keys it has already. */
  putTags(arn: string, tags: readonly Tag[]): void {
    this.transaction(() => {
      for (const tag of tags) {
        this.prepare('INSERT OR REPLACE INTO tags (arn, key, value) VALUES (?, ?, ?)').run(
          arn,
          tag.Key,
          tag.Value,
        );
      }
    });
  }

  /** Removes the keys from the resource's tags; keys it does not have are ignored. */
  deleteTags(arn: string, keys: readonly string[]): void {
    this.transaction(() => {
      for (const key of keys) this.prepare('DELETE FROM tags WHERE arn = ? AND key = ?').run(arn, key);
    });
  }

  // Archives

  getArchive(name: string): ArchiveRecord | undefined {
    const row = this.prepare('SELECT data FROM archives WHERE name = ?').get(name);
    return row ? parse<ArchiveRecord>(row) : undefined;
  }

  listArchives(): ArchiveRecord[] {
    return this.prepare('SELECT data FROM archives ORDER BY name')
      .all()
      .map((row) => parse<ArchiveRecord>(row));
  }

  putArchive(archive: ArchiveRecord): void {
    this.prepare('INSERT OR REPLACE INTO archives (name, bus, data) VALUES (?, ?, ?)').run(
      archive.name,
      archive.sourceBusName,
      JSON.stringify(archive),
    );
  }

  deleteArchive(name: string): void {
    this.transaction(() => {
      this.prepare('DELETE FROM archive_events WHERE archive = ?').run(name);
      this.prepare('DELETE FROM archives WHERE name = ?').run(name);
    });
  }

  appendArchiveEvent(archive: string, eventTime: number, eventJson: string, now: number): void {
    this.prepare(
      'INSERT INTO archive_events (archive, event_time, archived_at, size, event) VALUES (?, ?, ?, ?, ?)',
    ).run(archive, eventTime, now, Buffer.byteLength(eventJson), eventJson);
  }

  archiveStats(archive: string): { eventCount: number; sizeBytes: number } {
    const row = this.prepare(
      'SELECT COUNT(*) AS n, COALESCE(SUM(size), 0) AS bytes FROM archive_events WHERE archive = ?',
    ).get(archive) as Row;
    return { eventCount: Number(row.n), sizeBytes: Number(row.bytes) };
  }

  /** Archived events with event time in [start, end] after sequence `afterSeq`, oldest first. */
  archivedEvents(
    archive: string,
    start: number,
    end: number,
    afterSeq: number,
    limit: number,
  ): ArchivedEvent[] {
    return this.prepare(
      `SELECT seq, event FROM archive_events
         WHERE archive = ? AND event_time >= ? AND event_time <= ? AND seq > ? ORDER BY seq LIMIT ?`,
    )
      .all(archive, start, end, afterSeq, limit)
      .map((row) => ({ seq: Number((row as Row).seq), eventJson: String((row as Row).event) }));
  }

  /** Drops events archived before `cutoff` from an archive with limited retention. */
  expireArchiveEvents(archive: string, cutoff: number): void {
    this.prepare('DELETE FROM archive_events WHERE archive = ? AND archived_at < ?').run(archive, cutoff);
  }

  // Replays

  getReplay(name: string): ReplayRecord | undefined {
    const row = this.prepare('SELECT data FROM replays WHERE name = ?').get(name);
    return row ? parse<ReplayRecord>(row) : undefined;
  }

  listReplays(): ReplayRecord[] {
    return this.prepare('SELECT data FROM replays ORDER BY name')
      .all()
      .map((row) => parse<ReplayRecord>(row));
  }

  putReplay(replay: ReplayRecord): void {
    this.prepare('INSERT OR REPLACE INTO replays (name, data) VALUES (?, ?)').run(
      replay.name,
      JSON.stringify(replay),
    );
  }

  // Outbox

  enqueueDelivery(delivery: NewDelivery, dueAt: number): void {
    this.prepare('INSERT INTO outbox (due_at, attempts, data) VALUES (?, 0, ?)').run(
      dueAt,
      JSON.stringify(delivery),
    );
  }

  /** Deliveries due at `now`, oldest first, skipping ids already in flight. */
  dueDeliveries(now: number, limit: number, inFlight: ReadonlySet<number>): PendingDelivery[] {
    const rows = this.prepare(
      'SELECT id, due_at, attempts, data, last_error FROM outbox WHERE due_at <= ? ORDER BY due_at, id LIMIT ?',
    ).all(now, limit + inFlight.size) as Row[];
    return rows
      .filter((row) => !inFlight.has(Number(row.id)))
      .slice(0, limit)
      .map((row) => ({
        ...(JSON.parse(String(row.data)) as NewDelivery),
        id: Number(row.id),
        attempts: Number(row.attempts),
        dueAt: Number(row.due_at),
        ...(typeof row.last_error === 'string' && { lastError: JSON.parse(row.last_error) }),
      }));
  }

  /** The earliest due time in the outbox, or undefined when it is empty. */
  nextDueAt(): number | undefined {
    const row = this.prepare('SELECT MIN(due_at) AS due FROM outbox').get() as Row;
    return row.due === null ? undefined : Number(row.due);
  }

  pendingDeliveryCount(): number {
    return Number((this.prepare('SELECT COUNT(*) AS n FROM outbox').get() as Row).n);
  }

  completeDelivery(id: number): void {
    this.prepare('DELETE FROM outbox WHERE id = ?').run(id);
  }

  rescheduleDelivery(
    id: number,
    attempts: number,
    dueAt: number,
    error: { code: string; message: string },
  ): void {
    this.prepare('UPDATE outbox SET attempts = ?, due_at = ?, last_error = ? WHERE id = ?').run(
      attempts,
      dueAt,
      JSON.stringify(error),
      id,
    );
  }

  /**
   * Records a delivery that failed for good and had no dead-letter queue (or the queue refused
   * it), and removes it from the outbox in the same transaction, so it is never silently lost.
   */
  recordDeadLetter(delivery: PendingDelivery, reason: string, now: number): void {
    this.transaction(() => {
      this.prepare('INSERT INTO dead_letters (failed_at, data, reason) VALUES (?, ?, ?)').run(
        now,
        JSON.stringify(delivery),
        reason,
      );
      this.prepare('DELETE FROM outbox WHERE id = ?').run(delivery.id);
    });
  }

  deadLetterCount(): number {
    return Number((this.prepare('SELECT COUNT(*) AS n FROM dead_letters').get() as Row).n);
  }
}
