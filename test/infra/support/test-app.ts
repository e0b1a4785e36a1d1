import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';

const outdirs: string[] = [];
/** The feature flags `cdk synth` applies, so tests see the template that deploys. */
const cdkJsonContext = (
  JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

/**
 * An App that skips asset bundling (template tests do not need the code) and writes into a
 * temporary folder that `removeTestApps` deletes. `context` is added to cdk.json's, as `-c` would.
 */
export const testApp = (context: Record<string, unknown> = {}): App => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'switchyard-cdk-'));
  outdirs.push(outdir);
  return new App({ outdir, context: { ...cdkJsonContext, ...context, 'aws:cdk:bundling-stacks': [] } });
};

export const removeTestApps = (): void => {
  for (const outdir of outdirs.splice(0)) rmSync(outdir, { recursive: true, force: true });
};
