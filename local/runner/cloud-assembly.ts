import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CfnTemplate } from '../platform/template/template-types';
import { withAssemblyLock } from './assembly-lock';
import { UnsupportedTemplateError } from './errors';
import { sourceHash } from './source-hash';
import { synthesizeApp } from './synthesize-app';

/** Written into the assembly folder after a successful synth; a match means it can be reused. */
const HASH_FILE = 'switchyard-source.sha256';

/** How to get a cloud assembly. */
export interface CloudAssemblyOptions {
  /** @default the current working directory */
  readonly projectRoot?: string;
  /** @default '<projectRoot>/cdk.out' */
  readonly outdir?: string;
  /** CDK context passed to the app. @default {} */
  readonly context?: Readonly<Record<string, string>>;
  /** Progress lines while synthesizing. @default - silent */
  readonly log?: (line: string) => void;
}

/** The stack the local cloud runs, read from a synthesized assembly. */
export interface CloudAssembly {
  readonly outdir: string;
  readonly stackName: string;
  readonly template: CfnTemplate;
  /** Whether this call synthesized (false: reused an up-to-date assembly). */
  readonly synthesized: boolean;
  /** The folder holding a function's bundled code (`asset.<hash>/`). */
  assetDir(logicalId: string): string;
}

interface ManifestArtifact {
  readonly type: string;
  readonly properties?: { readonly templateFile?: string };
  readonly displayName?: string;
}

/**
 * Synthesizes the CDK app into `outdir` unless the assembly there was made from the same
 * sources and context, then reads the stack template. Reuse is decided by content hash, so
 * touching a file does not cost a 20-second synth, and changing one always does.
 */
export async function loadCloudAssembly(options: CloudAssemblyOptions = {}): Promise<CloudAssembly> {
  const projectRoot = resolve(options.projectRoot ?? process.cwd());
  const outdir = resolve(projectRoot, options.outdir ?? 'cdk.out');
  const context = options.context ?? {};
  const hash = sourceHash(projectRoot, context);
  const hashFile = join(outdir, HASH_FILE);
  // The stamp names the sources and the template they produced: a later `cdk synth` into the same
  // folder with other context rewrites the template, and the stamp no longer matches it.
  const isCurrent = () => {
    if (!existsSync(hashFile)) return false;
    const [sources, template] = readFileSync(hashFile, 'utf8').trim().split('\n');
    return sources === hash && template === templateHash(outdir);
  };
  let synthesized = false;
  if (!isCurrent()) {
    await withAssemblyLock(outdir, async () => {
      // Another process may have synthesized the same sources while this one waited.
      if (isCurrent()) return;
      const log = options.log ?? (() => undefined);
      log(`Synthesizing the CDK app into ${outdir} (sources changed)...`);
      // A half-written assembly must never look current: the hash goes only after success.
      rmSync(hashFile, { force: true });
      const started = Date.now();
      await synthesizeApp({
        projectRoot,
        outdir,
        context,
        onProgress: (seconds) => {
          if (seconds % 5 === 0) log(`  still synthesizing (${seconds} s)`);
        },
      });
      writeFileSync(`${hashFile}.tmp`, `${hash}\n${templateHash(outdir)}\n`);
      renameSync(`${hashFile}.tmp`, hashFile);
      synthesized = true;
      log(`Synthesized in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
  }
  return { ...readAssembly(outdir), synthesized };
}

/** Hash of the stack template(s) the manifest names; undefined when there is no assembly. */
function templateHash(outdir: string): string | undefined {
  const manifestFile = join(outdir, 'manifest.json');
  if (!existsSync(manifestFile)) return undefined;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    artifacts?: Record<string, ManifestArtifact>;
  };
  const hash = createHash('sha256');
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const file = join(outdir, artifact.properties?.templateFile ?? `${id}.template.json`);
    if (!existsSync(file)) return undefined;
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

function readAssembly(outdir: string): Omit<CloudAssembly, 'synthesized'> {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
    artifacts?: Record<string, ManifestArtifact>;
  };
  const stacks = Object.entries(manifest.artifacts ?? {}).filter(
    ([, artifact]) => artifact.type === 'aws:cloudformation:stack',
  );
  const [entry, ...others] = stacks;
  if (entry === undefined || others.length > 0) {
    throw new Error(
      `The local cloud runs exactly one stack; ${outdir} holds ${stacks.length} (${stacks.map(([id]) => id).join(', ')})`,
    );
  }
  const [artifactId, artifact] = entry;
  const templateFile = artifact.properties?.templateFile ?? `${artifactId}.template.json`;
  const template = JSON.parse(readFileSync(join(outdir, templateFile), 'utf8')) as CfnTemplate;
  return {
    outdir,
    stackName: artifact.displayName ?? artifactId,
    template,
    assetDir: (logicalId) => functionAssetDir(outdir, template, logicalId),
  };
}

function functionAssetDir(outdir: string, template: CfnTemplate, logicalId: string): string {
  const resource = template.Resources[logicalId];
  const code = resource?.Properties?.Code as { S3Key?: unknown; ZipFile?: unknown } | undefined;
  if (typeof code?.ZipFile === 'string') {
    throw new UnsupportedTemplateError(
      logicalId,
      'inline function code (Code.ZipFile) is not supported locally',
    );
  }
  const key = code?.S3Key;
  const match = typeof key === 'string' ? /^([0-9a-f]{64})\.zip$/.exec(key) : null;
  const dir = match ? join(outdir, `asset.${match[1]}`) : undefined;
  if (dir === undefined || !existsSync(dir)) {
    throw new UnsupportedTemplateError(
      logicalId,
      `no bundled asset folder for Code.S3Key ${JSON.stringify(key)} in ${outdir}`,
    );
  }
  return dir;
}
