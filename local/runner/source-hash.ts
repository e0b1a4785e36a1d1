import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What decides the synthesized assembly: these paths under the project root, plus the context. */
export const SYNTH_INPUTS = ['infra', 'functions', 'package-lock.json', 'cdk.json'] as const;

const SKIPPED_DIRS = new Set(['node_modules', 'cdk.out', '.git']);

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => !(entry.isDirectory() && SKIPPED_DIRS.has(entry.name)))
    .flatMap((entry) => filesUnder(join(path, entry.name)))
    .sort();
}

/**
 * A hash of everything the synthesized assembly depends on: the content (not the timestamps) of
 * the CDK app, the functions, the lock file, cdk.json and the context passed on the command line.
 */
export function sourceHash(projectRoot: string, context: Readonly<Record<string, string>>): string {
  const hash = createHash('sha256');
  for (const input of SYNTH_INPUTS) {
    for (const file of filesUnder(join(projectRoot, input))) {
      hash.update(relative(projectRoot, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  hash.update(JSON.stringify(Object.entries(context).sort()));
  return hash.digest('hex');
}
