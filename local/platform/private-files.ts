import { chmodSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { errorMessage } from '../../common/error-summary';

/** Owner only: the data folder holds the local credentials and every queued message. */
const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates the data folder readable by its owner only, or tightens an existing one to that.
 * Throws, naming the folder, when that cannot be done: other local users must not read it.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if ((statSync(dir).mode & 0o077) === 0) return;
  try {
    chmodSync(dir, PRIVATE_DIR_MODE);
  } catch (error) {
    throw new Error(
      `cannot make ${dir} readable by its owner only (${errorMessage(error)}); choose another --data-dir`,
    );
  }
}

/**
 * Writes a JSON file readable by its owner only, atomically: written aside with mode 0600 from
 * the first byte, then renamed, so no reader sees half a file or a moment of wider access.
 */
export function writePrivateJson(file: string, content: object): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  // A file left by an older run may have kept wider bits; the mode given above applies only to new files.
  chmodSync(temporary, PRIVATE_FILE_MODE);
  renameSync(temporary, file);
}
