/**
 * What each function costs before it runs: bundle size (from an esbuild metafile written outside
 * the asset folder, so it is not deployed), cold import time in fresh Node.js processes with the
 * function's environment from the template, and its first cold start on the local Lambda
 * runtime, one function at a time. Baselines from the same run: a fresh process importing an
 * empty module, and the figures measured before the functions were slimmed.
 *   npx tsx bench/function-bundles.bench.ts [--runs 5]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build, type Metafile } from 'esbuild';
import {
  BUNDLE_MAIN_FIELDS,
  CREDENTIAL_PROVIDER_ALIAS,
  ENTRY_METADATA_KEY,
} from '../infra/constructs/switchyard-function';
import { ESBUILD_TARGET } from '../infra/lambda-runtime';
import { LambdaRuntime } from '../local/lambda';
import type { LambdaFunctionDefinition } from '../local/lambda/function-definition';
import { loadCloudAssembly } from '../local/runner/cloud-assembly';
import { functionDefinitions } from '../local/runner/function-definitions';
import { StackResources } from '../local/runner/stack-resources';
import { percentile, writeResults } from './support/measure';

const ROOT = join(__dirname, '..');
const OUTDIR = join(tmpdir(), 'switchyard-bench-bundles-cdk.out');
/** Where the metafiles go: beside the assembly, never into an asset folder that is deployed. */
const META_DIR = join(tmpdir(), 'switchyard-bench-bundles-metafiles');
const KB = 1024;

/** The targets the functions are held to. */
const TARGETS = { helloKb: 100, handlerKb: 650, totalMb: 3, coldImportMs: 60, localInitMs: 150 };

/** Handler size and cold import measured on the assembly before the functions were slimmed. */
const BEFORE: Readonly<Record<string, { kb: number; coldImportMs: number }>> = {
  TaskChannelWorker: { kb: 1255, coldImportMs: 128 },
  FlowRecorderConsumer: { kb: 1234, coldImportMs: 111 },
  HighValueOrdersConsumer: { kb: 1234, coldImportMs: 113 },
  TaskFailuresConsumer: { kb: 1234, coldImportMs: 110 },
  SubmitTask: { kb: 1240, coldImportMs: 110 },
  PublishEvents: { kb: 1080, coldImportMs: 92 },
  GetTask: { kb: 746, coldImportMs: 80 },
  GetFlow: { kb: 748, coldImportMs: 82 },
  Hello: { kb: 166, coldImportMs: 28 },
};

/** `TaskChannelWorkerE3078A4A` -> `TaskChannelWorker`: the logical id without CDK's hash. */
const shortName = (logicalId: string): string => logicalId.replace(/[0-9A-F]{8}$/, '');

const withoutSourceMaps = (env: Readonly<Record<string, string>>): Record<string, string> => {
  const { NODE_OPTIONS: options = '', ...rest } = env;
  const kept = options.replace('--enable-source-maps', '').trim();
  return kept === '' ? rest : { ...rest, NODE_OPTIONS: kept };
};

/** Milliseconds to `require` a file in a fresh process with `env`, median of `runs`. */
function coldImportMs(file: string, env: Readonly<Record<string, string>>, runs: number): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const child = spawnSync(process.execPath, ['-e', script], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`importing ${file} failed: ${child.stderr}`);
    times.push(Number(child.stdout));
  }
  return Number(
    percentile(
      times.sort((a, b) => a - b),
      50,
    ).toFixed(1),
  );
}

/** The bundle CDK builds for `entry`, rebuilt with a metafile into `metaDir`: output bytes and the heaviest packages. */
async function bundleFacts(entry: string, metaFile: string): Promise<{ bytes: number; heaviest: string[] }> {
  const result = await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: ESBUILD_TARGET,
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    mainFields: BUNDLE_MAIN_FIELDS,
    alias: { [CREDENTIAL_PROVIDER_ALIAS.from]: CREDENTIAL_PROVIDER_ALIAS.to },
    absWorkingDir: ROOT,
    metafile: true,
    write: false,
    outfile: join(tmpdir(), 'index.js'),
    logLevel: 'silent',
  });
  writeFileSync(metaFile, JSON.stringify(result.metafile));
  const output = Object.entries(result.metafile.outputs).find(([name]) => name.endsWith('.js'));
  if (output === undefined) throw new Error(`esbuild wrote no JavaScript for ${entry}`);
  return { bytes: output[1].bytes, heaviest: heaviestPackages(output[1]) };
}

/** The three packages (or first-party folders) that weigh most in an output. */
function heaviestPackages(output: Metafile['outputs'][string]): string[] {
  const byPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split('/').slice(0, 2).join('/');
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  return [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([name, bytes]) => `${name} ${Math.round(bytes / KB)}`);
}

/** The first cold start of `definition` on the local runtime, alone (ms). */
async function localInitMs(definition: LambdaFunctionDefinition): Promise<number> {
  const runtime = new LambdaRuntime({
    // Module scope calls no AWS service; an invocation that does fails fast, which is fine here.
    endpointUrl: 'http://127.0.0.1:9',
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    logSink: () => undefined,
  });
  runtime.register(definition);
  try {
    await runtime.invoke(definition.logicalId, {}).catch(() => undefined);
    const first = runtime.stats()[definition.name]?.firstInitMs ?? null;
    if (first === null) throw new Error(`${definition.name} did not start`);
    return Math.round(first);
  } finally {
    await runtime.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
  const runs = Number(values.runs);
  const assembly = await loadCloudAssembly({ projectRoot: ROOT, outdir: OUTDIR, log: () => undefined });
  const stack = new StackResources(
    assembly.template,
    { stackName: assembly.stackName, region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9' },
    'strict',
  );
  rmSync(META_DIR, { recursive: true, force: true });
  mkdirSync(META_DIR, { recursive: true });
  const metaDir = META_DIR;
  const emptyModule = join(metaDir, 'empty.js');
  writeFileSync(emptyModule, '');
  const baselineMs = coldImportMs(emptyModule, {}, runs);

  const rows = [];
  for (const definition of functionDefinitions(stack, assembly)) {
    const name = shortName(definition.logicalId);
    const metadata = assembly.template.Resources[definition.logicalId]?.Metadata ?? {};
    const entry = metadata[ENTRY_METADATA_KEY];
    if (typeof entry !== 'string')
      throw new Error(`${definition.logicalId} has no ${ENTRY_METADATA_KEY} metadata`);
    const bundle = await bundleFacts(entry, join(metaDir, `${name}.meta.json`));
    const handlerFile = join(definition.codeDir, 'index.js');
    rows.push({
      name,
      entry,
      handlerBytes: statSync(handlerFile).size,
      handlerKb: Math.round(statSync(handlerFile).size / KB),
      metafileKb: Math.round(bundle.bytes / KB),
      heaviest: bundle.heaviest,
      coldImportMs: coldImportMs(handlerFile, definition.environment, runs),
      // The same without NODE_OPTIONS=--enable-source-maps: what readable stack traces cost.
      coldImportNoMapsMs: coldImportMs(handlerFile, withoutSourceMaps(definition.environment), runs),
      localInitMs: await localInitMs(definition),
      before: BEFORE[name],
    });
  }
  // Decimal megabytes, as the figure of 9.2 MB before was given.
  const totalMb = rows.reduce((sum, row) => sum + row.handlerBytes, 0) / 1e6;

  const targetKb = (name: string) => (name === 'Hello' ? TARGETS.helloKb : TARGETS.handlerKb);
  const results = {
    machine: { node: process.version },
    runs,
    targets: TARGETS,
    baselineEmptyImportMs: baselineMs,
    totalMb: Number(totalMb.toFixed(2)),
    functions: rows,
  };
  const markdown = [
    `# Function bundles and cold starts (Node ${process.version}, median of ${runs} fresh processes)`,
    '',
    `Metafiles: ${metaDir} (outside the asset folders). A fresh process importing an empty module takes ${baselineMs} ms (same run).`,
    '',
    '| Function | handler KB (before, target) | cold import ms (before, target 60) | same without source maps | local first cold start ms (target 150) | heaviest inputs, KB |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (row) =>
        `| ${row.name} | ${row.handlerKb} (${row.before?.kb ?? '-'}, ≤ ${targetKb(row.name)}) | ${row.coldImportMs} (${row.before?.coldImportMs ?? '-'}) | ${row.coldImportNoMapsMs} | ${row.localInitMs} | ${row.heaviest.join(', ')} |`,
    ),
    `| all bundles | ${totalMb.toFixed(2)} MB (9.2 MB, ≤ ${TARGETS.totalMb} MB) | | | | |`,
    '',
  ].join('\n');
  writeResults('function-bundles', results, markdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
