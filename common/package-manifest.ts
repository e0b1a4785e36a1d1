import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The `name` in switchyard's package.json. */
export const PACKAGE_NAME = 'switchyard';

/** Switchyard's package.json, as found above some folder. */
export interface PackageManifest {
  /** The folder the package.json is in: the project root. */
  readonly dir: string;
  /** Its `version`, or undefined when it has none (or not a string). */
  readonly version: string | undefined;
}

/**
 * The nearest package.json named `switchyard` in `fromDir` or above it, or undefined when there
 * is none up to the root. Walked up rather than found at a fixed depth, because the code runs
 * from its sources (`cli/…`, `local/…`) as well as bundled into `dist/`. Callers pass their own
 * `__dirname`: in a bundle, `__dirname` is the bundle's, whichever module it is written in.
 * A package.json that cannot be read or parsed is passed over.
 */
export function findPackageManifest(fromDir: string): PackageManifest | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const manifest = readManifest(join(dir, 'package.json'));
    if (manifest?.name === PACKAGE_NAME) {
      return { dir, version: typeof manifest.version === 'string' ? manifest.version : undefined };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function readManifest(file: string): { readonly name?: unknown; readonly version?: unknown } | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    // No package.json here (or an unreadable one): keep walking up.
    return undefined;
  }
}
