import { existsSync, readdirSync, rmSync } from 'node:fs';

/** Files and folders the local cloud keeps in its data folder. */
const OWN_ENTRIES = new Set([
  'sqs.db',
  'sqs.db-wal',
  'sqs.db-shm',
  'eventbridge.db',
  'eventbridge.db-wal',
  'eventbridge.db-shm',
  'dynamodb',
  'endpoints.json',
]);

/**
 * Deletes the local cloud's state. Refuses when the folder holds anything the local cloud did
 * not create, so a mistyped `--data-dir` can never wipe someone's files.
 */
export function resetDataDir(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  const foreign = readdirSync(dataDir).filter((entry) => !OWN_ENTRIES.has(entry) && !entry.endsWith('.tmp'));
  if (foreign.length > 0) {
    throw new Error(
      `refusing to reset ${dataDir}: it holds files the local cloud did not create (${foreign.join(', ')})`,
    );
  }
  rmSync(dataDir, { recursive: true, force: true });
}
