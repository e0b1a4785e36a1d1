import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = 'switchyard';

let found: string | undefined;

/**
 * The folder of switchyard's package.json: the project the local cloud synthesizes and whose
 * files (the Lambda worker bootstrap) it loads. Found by walking up from this module, because
 * the code runs from its sources (`local/…`) as well as bundled into `dist/`, at another depth.
 */
export function projectRoot(): string {
  if (found !== undefined) return found;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isSwitchyardManifest(manifest)) {
      found = dir;
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`no package.json named ${PACKAGE_NAME} above ${__dirname}`);
  }
}

function isSwitchyardManifest(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}
