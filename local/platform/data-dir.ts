import { existsSync, readdirSync, rmSync } from 'node:fs';
import { ENDPOINTS_FILE_NAME } from '../../common/local-endpoints-file';
import { UsageError } from './command-line';

/** Files and folders the local services and the local cloud keep in their data folder. */
const OWN_ENTRIES = new Set([
  'sqs.db',
  'sqs.db-wal',
  'sqs.db-shm',
  'eventbridge.db',
  'eventbridge.db-wal',
  'eventbridge.db-shm',
  'dynamodb',
  ENDPOINTS_FILE_NAME,
]);

/**
 * Deletes the local state (`--reset`). Refuses, with a `UsageError`, when the folder holds
 * anything the local services did not create, so a mistyped `--data-dir` can never wipe
 * someone's files. `.tmp` files are the leftovers of an interrupted atomic write.
 */
export function resetDataDir(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  const foreign = readdirSync(dataDir).filter((entry) => !OWN_ENTRIES.has(entry) && !entry.endsWith('.tmp'));
  if (foreign.length > 0) {
    throw new UsageError(
      `--reset refuses to clear ${dataDir}: it holds files the local cloud did not create (${foreign.join(', ')})`,
    );
  }
  rmSync(dataDir, { recursive: true, force: true });
}
