import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The `name` of the package.json this CLI ships in. */
const PACKAGE_NAME = 'switchyard';

/**
 * The version of the switchyard package, read at run time from the nearest package.json named
 * `switchyard` above `fromDir`. Walked up rather than found at a fixed depth, because the CLI runs
 * from its sources (`cli/`) as well as bundled (`dist/cli/main.js`). Undefined when none is found.
 */
export function packageVersion(fromDir: string = __dirname): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const manifest = readManifest(join(dir, 'package.json'));
    if (manifest?.name === PACKAGE_NAME && typeof manifest.version === 'string') return manifest.version;
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
