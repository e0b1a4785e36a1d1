/**
 * What each function costs before it runs: bundle size (from an esbuild metafile written outside
 * the asset folder, so it is not deployed), cold import time in fresh Node.js processes with the
 * function's environment from the template, and its first cold start on the local Lambda
 * runtime, one function at a time. Baselines from the same run: a fresh process importing an
 * empty module, and the figures measured before the functions were slimmed.
 *   npx tsx bench/function-bundles.bench.ts [--runs 9] [--node <path>]
 * `--node` times the cold imports with another Node.js, such as the Lambda runtime's version
 * (`npx -y -p node@24 node -p process.execPath` prints one).
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
  SOURCE_MAP_HOOK,
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

/** `env` with Node.js's own source map support on, as the functions ran before they mapped traces lazily. */
const withEagerSourceMaps = (env: Readonly<Record<string, string>>): Record<string, string> => ({
  ...env,
  NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --enable-source-maps`.trim(),
});

/** How the cold imports are timed: in fresh processes of `node`, median of `runs`. */
interface ImportTiming {
  readonly node: string;
  readonly runs: number;
}

/** A file to `require` in a fresh process, with the environment to do it in. */
interface ImportCase {
  readonly file: string;
  readonly env: Readonly<Record<string, string>>;
}

/** Milliseconds one fresh process takes to `require` the case's file. */
function coldImportOnceMs(node: string, { file, env }: ImportCase): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const child = spawnSync(node, ['-e', script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`importing ${file} failed: ${child.stderr}`);
  return Number(child.stdout);
}

/**
 * The median cold import of each case, measured in rounds that take every case once in turn, so
 * a slow spell of the machine is spread over all the cases instead of landing on one of them.
 */
function coldImportMedians(cases: readonly ImportCase[], timing: ImportTiming): number[] {
  const samples = cases.map((): number[] => []);
  for (let round = 0; round < timing.runs; round += 1) {
    for (const [index, importCase] of cases.entries()) {
      samples[index]?.push(coldImportOnceMs(timing.node, importCase));
    }
  }
  return samples.map((times) =>
    Number(
      percentile(
        times.sort((a, b) => a - b),
        50,
      ).toFixed(1),
    ),
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
    inject: [SOURCE_MAP_HOOK],
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
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '9' }, node: { type: 'string', default: process.execPath } },
  });
  const runs = Number(values.runs);
  const timing: ImportTiming = { node: values.node, runs };
  const nodeVersion = spawnSync(timing.node, ['--version'], { encoding: 'utf8' }).stdout.trim();
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

  const measured = [];
  for (const definition of functionDefinitions(stack, assembly)) {
    const name = shortName(definition.logicalId);
    const metadata = assembly.template.Resources[definition.logicalId]?.Metadata ?? {};
    const entry = metadata[ENTRY_METADATA_KEY];
    if (typeof entry !== 'string')
      throw new Error(`${definition.logicalId} has no ${ENTRY_METADATA_KEY} metadata`);
    const bundle = await bundleFacts(entry, join(metaDir, `${name}.meta.json`));
    const handlerFile = join(definition.codeDir, 'index.js');
    measured.push({
      name,
      entry,
      handlerFile,
      environment: definition.environment,
      handlerBytes: statSync(handlerFile).size,
      handlerKb: Math.round(statSync(handlerFile).size / KB),
      metafileKb: Math.round(bundle.bytes / KB),
      heaviest: bundle.heaviest,
      localInitMs: await localInitMs(definition),
      before: BEFORE[name],
    });
  }
  // Each handler as Lambda loads it, then the same with Node.js reading the source map as the
  // bundle loads (what the lazy mapping saves), after the baseline of an empty module.
  const [baselineMs = Number.NaN, ...medians] = coldImportMedians(
    [
      { file: emptyModule, env: {} },
      ...measured.map((row) => ({ file: row.handlerFile, env: row.environment })),
      ...measured.map((row) => ({ file: row.handlerFile, env: withEagerSourceMaps(row.environment) })),
    ],
    timing,
  );
  const rows = measured.map(({ handlerFile: _file, environment: _env, ...row }, index) => ({
    ...row,
    coldImportMs: medians[index],
    coldImportEagerMapsMs: medians[measured.length + index],
  }));
  // Decimal megabytes, as the figure of 9.2 MB before was given.
  const totalMb = rows.reduce((sum, row) => sum + row.handlerBytes, 0) / 1e6;

  const targetKb = (name: string) => (name === 'Hello' ? TARGETS.helloKb : TARGETS.handlerKb);
  const results = {
    machine: { node: nodeVersion },
    runs,
    targets: TARGETS,
    baselineEmptyImportMs: baselineMs,
    totalMb: Number(totalMb.toFixed(2)),
    functions: rows,
  };
  const markdown = [
    `# Function bundles and cold starts (cold imports on Node ${nodeVersion}, median of ${runs} fresh processes)`,
    '',
    `Metafiles: ${metaDir} (outside the asset folders). A fresh process importing an empty module takes ${baselineMs} ms (same run).`,
    '',
    '| Function | handler KB (before, target) | cold import ms (before, target 60) | same with --enable-source-maps | local first cold start ms (target 150) | heaviest inputs, KB |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (row) =>
        `| ${row.name} | ${row.handlerKb} (${row.before?.kb ?? '-'}, ≤ ${targetKb(row.name)}) | ${row.coldImportMs} (${row.before?.coldImportMs ?? '-'}) | ${row.coldImportEagerMapsMs} | ${row.localInitMs} | ${row.heaviest.join(', ')} |`,
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
