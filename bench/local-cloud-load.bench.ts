/**
 * The local cloud under load, as `npm start` runs it, with the clients in a process of their
 * own (bench/support/load-client.ts):
 * - throughput: `--clients` closed-loop clients submit `--tasks` hello tasks; accept to SUCCEEDED.
 *   The first such run after the start is reported apart: each thread's JIT is still compiling
 *   its hot code then (V8's optimizing compiler took about a fifth of all CPU in that run, and
 *   the threads it runs on used a quarter as much in the next). The other figures are warm;
 * - latency at a fixed offered rate (`--rate` tasks/s for `--seconds`), and with one client;
 * - events: `POST /events` at `--rate` events/s, publish to the high-value-orders consumer; first
 *   while the events' functions are new to the load (after two seconds of it), then warm, as the
 *   tasks' figures are (after 600 events, V8's background threads, mostly compiling, still took a
 *   seventh of the CPU);
 * - overload: twice the warm throughput, offered open-loop: what is refused, what memory does;
 * - memory of the runner process (worker threads included): idle, peak, `--settle` s after the
 *   whole sequence; and, first of all, on a runner of its own, the target as set: the peak of one
 *   throughput run and `--settle` s after it (the settled figures split into anonymous memory and
 *   mapped files);
 * - CPU ms per task across the process (all its threads), the figure to watch for regressions;
 *   beside it the clients' own, and the throughput both allow if every core were busy all the
 *   time (the clients share the machine, so a throughput figure reads against that ceiling);
 * - the web console during the throughput run, watched from another process
 *   (bench/support/console-watcher.ts): gaps between overview samples, page load times.
 * Latencies are the server's own timestamps (task `updatedAt - createdAt`; flow `EVENT_CONSUMED`
 * minus `EVENT_PUBLISHED`). Beside them, the same client process against a bare node:http
 * server in the same run: what the clients alone can do on this machine.
 *   npx tsx bench/local-cloud-load.bench.ts [--tasks 1000] [--clients 16] [--rate 100] [--seconds 10] [--settle 60]
 *     [--max-environments n]   (passed to npm start; its default when not given)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { signedRequest } from '../test/e2e/local/runner/support/signed-api';
import type { ConsoleWatch } from './support/console-watcher';
import type { LoadResult, LoadSpec } from './support/load-client';
import { percentile, startFixedAnswerServer, writeResults } from './support/measure';
import { cpuMs, MemorySampler, residentMb, residentSplitMb } from './support/process-stats';

const ROOT = join(__dirname, '..');
/** Reused across runs: the context below differs from `npm start`'s, so it has its own synth. */
const OUTDIR = join(tmpdir(), 'switchyard-bench-load-cdk.out');
/** The stage's throttle (100/s, burst 200) lifted, so the emulator's own limits are measured. */
const UNTHROTTLED = ['switchyard:throttlingRateLimit=100000', 'switchyard:throttlingBurstLimit=100000'];
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
const FINAL = new Set(['SUCCEEDED', 'FAILED']);

interface Endpoints {
  readonly apiUrl: string;
  readonly awsEndpoint: string;
  readonly region: string;
  readonly outputs: Readonly<Record<string, string>>;
  readonly consoleUrl: string;
}

interface Latency {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly count: number;
}

const latencyOf = (values: readonly number[]): Latency => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50Ms: Math.round(percentile(sorted, 50)),
    p99Ms: Math.round(percentile(sorted, 99)),
    count: sorted.length,
  };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the load client process to the end and returns what it measured. */
function runClients(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'support', 'load-client.ts'), JSON.stringify(spec)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(output) as LoadResult);
      else reject(new Error(`the load client exited with code ${code}`));
    });
  });
}

/** Tasks per second from the first acceptance to the last completion. */
function tasksPerSecond(times: ReadonlyMap<string, TaskTimes>): number {
  const created = [...times.values()].map((t) => t.createdAt);
  const updated = [...times.values()].map((t) => t.updatedAt);
  return times.size / ((Math.max(...updated) - Math.min(...created)) / 1000);
}

/** Starts the console watcher; `stop` ends it and returns what it saw. */
function watchConsole(consoleUrl: string): { stop(): Promise<ConsoleWatch> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'support', 'console-watcher.ts')],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      // Not on the command line: the URL carries the access token.
      env: { ...process.env, CONSOLE_URL: consoleUrl },
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  return {
    stop: async () => {
      child.kill('SIGTERM');
      const code = await closed;
      if (code !== 0) throw new Error(`the console watcher exited with code ${code}`);
      return JSON.parse(output) as ConsoleWatch;
    },
  };
}

/** Starts `npm start`'s entry point and resolves once its endpoints file is written. */
async function startCloud(
  dataDir: string,
  extraArgs: readonly string[],
): Promise<{ child: ChildProcess; endpoints: Endpoints }> {
  const args = ['bin/local-cloud.cjs', '--port', '0', '--aws-port', '0', '--console-port', '0'];
  args.push('--data-dir', dataDir, ...extraArgs);
  args.push('--outdir', OUTDIR, ...UNTHROTTLED.flatMap((pair) => ['--context', pair]));
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    log += chunk.toString('utf8');
  });
  const file = join(dataDir, 'endpoints.json');
  const deadline = Date.now() + 300_000;
  while (!(existsSync(file) && log.includes('is ready'))) {
    if (child.exitCode !== null) throw new Error(`the local cloud exited early:\n${log}`);
    if (Date.now() > deadline) throw new Error(`the local cloud did not start in 300 s:\n${log}`);
    await sleep(100);
  }
  return { child, endpoints: JSON.parse(readFileSync(file, 'utf8')) as Endpoints };
}

/** Stops a runner `startCloud` started, and removes its data. */
async function stopCloud(child: ChildProcess, dataDir: string): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
  rmSync(dataDir, { recursive: true, force: true });
}

/** A started runner under measurement. */
interface Runner {
  readonly endpoints: Endpoints;
  readonly pid: number;
  readonly memory: MemorySampler;
}

/** Where the clients send their signed requests, and as whom; refused requests are sent again. */
const clientSpec = (endpoints: Endpoints) => ({
  apiUrl: endpoints.apiUrl,
  region: endpoints.region,
  credentials: CREDENTIALS,
  retryRefused: true,
});

/**
 * Throughput, closed loop: `clients` submitting `tasks` as fast as they go, until every task is
 * final; with the CPU per task and the RSS peak of the runner meanwhile.
 */
async function closedLoop(runner: Runner, load: { readonly tasks: number; readonly clients: number }) {
  const { endpoints, pid, memory } = runner;
  memory.reset();
  const cpuBefore = cpuMs(pid);
  const run = await runClients({
    ...clientSpec(endpoints),
    kind: 'tasks',
    count: load.tasks,
    pacing: { concurrency: load.clients },
  });
  const times = await finalTasks(endpoints, run.accepted, 600_000);
  const cpuPerTaskMs = (cpuMs(pid) - cpuBefore) / run.accepted.length;
  const clientCpuPerTaskMs = run.cpuMs / run.accepted.length;
  return {
    run,
    times,
    cpuPerTaskMs,
    clientCpuPerTaskMs,
    peakMb: memory.peakMb(),
    tasksPerSecond: tasksPerSecond(times),
  };
}

interface MemoryAfterOneLoad {
  readonly peakMb: number;
  readonly settledMb: number;
  readonly anonymousMb: number;
  readonly fileMb: number;
}

/**
 * The memory target as it is set: a runner fresh from its start, one closed-loop throughput
 * run, then `settleSeconds` idle. (The main sequence's settled figure comes after all its runs,
 * the overload included: a harder one.)
 */
async function memoryAfterOneLoad(
  load: { readonly tasks: number; readonly clients: number; readonly settleSeconds: number },
  startArgs: readonly string[],
): Promise<MemoryAfterOneLoad> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-load-'));
  const { child, endpoints } = await startCloud(dataDir, startArgs);
  const pid = child.pid as number;
  const memory = new MemorySampler(pid);
  try {
    const { peakMb } = await closedLoop({ endpoints, pid, memory }, load);
    await sleep(load.settleSeconds * 1000);
    const split = residentSplitMb(pid);
    return { peakMb, settledMb: residentMb(pid), anonymousMb: split.anonymous, fileMb: split.file };
  } finally {
    memory.stop();
    await stopCloud(child, dataDir);
  }
}

interface TaskTimes {
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** Waits until every task is final, reading the status table directly (no API load). */
async function finalTasks(
  endpoints: Endpoints,
  taskIds: readonly string[],
  timeoutMs: number,
): Promise<Map<string, TaskTimes>> {
  const dynamodb = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: endpoints.awsEndpoint,
      region: endpoints.region,
      credentials: CREDENTIALS,
    }),
  );
  const wanted = new Set(taskIds);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const done = new Map<string, TaskTimes>();
      const pages = paginateScan(
        { client: dynamodb },
        {
          TableName: endpoints.outputs.TaskTableName,
          ProjectionExpression: 'taskId, #s, createdAt, updatedAt',
          ExpressionAttributeNames: { '#s': 'status' },
        },
      );
      for await (const page of pages) {
        for (const found of page.Items ?? []) {
          const item = found as { taskId: string; status: string; createdAt: string; updatedAt: string };
          if (wanted.has(item.taskId) && FINAL.has(item.status)) {
            done.set(item.taskId, {
              createdAt: Date.parse(item.createdAt),
              updatedAt: Date.parse(item.updatedAt),
            });
          }
        }
      }
      if (done.size === wanted.size) return done;
      if (Date.now() > deadline)
        throw new Error(`${wanted.size - done.size} of ${wanted.size} tasks not final after ${timeoutMs} ms`);
      await sleep(1000);
    }
  } finally {
    dynamodb.destroy();
  }
}

/** Publish-to-consumer latency of each event, from its flow timeline. */
async function eventLatencies(endpoints: Endpoints, correlationIds: readonly string[]): Promise<number[]> {
  const api = { apiUrl: endpoints.apiUrl, region: endpoints.region, credentials: CREDENTIALS };
  const latencies: number[] = [];
  const deadline = Date.now() + 120_000;
  for (const correlationId of correlationIds) {
    for (;;) {
      const flow = await signedRequest(api, 'GET', `/flows/${correlationId}`);
      const timeline =
        (flow.body as { timeline?: { kind: string; at: string; subscription?: string }[] }).timeline ?? [];
      const published = timeline.find((entry) => entry.kind === 'EVENT_PUBLISHED');
      const consumed = timeline.find(
        (entry) => entry.kind === 'EVENT_CONSUMED' && entry.subscription === 'high-value-orders',
      );
      if (published && consumed) {
        latencies.push(Date.parse(consumed.at) - Date.parse(published.at));
        break;
      }
      if (Date.now() > deadline) throw new Error(`event ${correlationId} was not consumed within 120 s`);
      await sleep(200);
    }
  }
  return latencies;
}

async function main(): Promise<void> {
  // This process reads the task table with the SDK; its Node.js notice is not a result.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { values } = parseArgs({
    options: {
      tasks: { type: 'string', default: '1000' },
      clients: { type: 'string', default: '16' },
      rate: { type: 'string', default: '100' },
      seconds: { type: 'string', default: '10' },
      settle: { type: 'string', default: '60' },
      'max-environments': { type: 'string' },
    },
  });
  const [tasks, clients, rate, seconds, settle] = [
    values.tasks,
    values.clients,
    values.rate,
    values.seconds,
    values.settle,
  ].map(Number) as [number, number, number, number, number];
  for (const [name, value] of Object.entries({ tasks, clients, rate, seconds, settle })) {
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`--${name} must be a whole number (given ${value})`);
  }

  // Baseline: the same client process against a server that answers at once.
  // It answers as POST /tasks does, so the clients count each request as accepted.
  const bare = await startFixedAnswerServer({ '*': '{"taskId":"baseline"}' }, 'application/json', 202);
  const baselineSpec = {
    apiUrl: bare.url,
    region: 'us-east-1',
    credentials: CREDENTIALS,
    kind: 'tasks' as const,
    retryRefused: false,
  };
  const baselineClosed = await runClients({
    ...baselineSpec,
    count: tasks,
    pacing: { concurrency: clients },
  });
  await bare.close();

  const maxEnvironments = values['max-environments'];
  const startArgs = maxEnvironments === undefined ? [] : ['--max-environments', maxEnvironments];
  const oneLoad = await memoryAfterOneLoad({ tasks, clients, settleSeconds: settle }, startArgs);

  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-load-'));
  const { child, endpoints } = await startCloud(dataDir, startArgs);
  const pid = child.pid as number;
  const memory = new MemorySampler(pid);
  const runner = { endpoints, pid, memory };
  const spec = clientSpec(endpoints);
  try {
    await sleep(2000);
    const idleMb = residentMb(pid);

    // One client that waits for each task: the latency of a task with nothing else going on.
    const single = await runClients({
      ...spec,
      kind: 'tasks',
      count: 50,
      pacing: { concurrency: 1 },
      awaitFinal: true,
    });
    const singleTimes = await finalTasks(endpoints, single.accepted, 60_000);

    // Throughput: first cold, the first load after the start, then warm.
    const cold = await closedLoop(runner, { tasks, clients });
    const warm = await closedLoop(runner, { tasks, clients });
    const {
      run: closed,
      times: closedTimes,
      cpuPerTaskMs,
      clientCpuPerTaskMs,
      peakMb,
      tasksPerSecond: throughput,
    } = warm;

    // The same again with a developer watching the console (the watcher's own CPU not counted):
    // what the console costs, and whether it keeps up.
    const watcher = watchConsole(endpoints.consoleUrl);
    await sleep(1000);
    const watched = await closedLoop(runner, { tasks, clients });
    const consoleWatch = await watcher.stop();

    // Latency at a fixed offered rate.
    const open = await runClients({
      ...spec,
      kind: 'tasks',
      count: rate * seconds,
      pacing: { ratePerSecond: rate },
    });
    const openTimes = await finalTasks(endpoints, open.accepted, 300_000);

    // Events at a fixed offered rate, to the high-value-orders consumer, once the functions on
    // the events' path (cold until now) have had two seconds of them; then again, warm.
    await runClients({ ...spec, kind: 'events', count: rate * 2, pacing: { ratePerSecond: rate } });
    const eventRun = async () => {
      const events = await runClients({
        ...spec,
        kind: 'events',
        count: rate * seconds,
        pacing: { ratePerSecond: rate },
      });
      return {
        latency: latencyOf(await eventLatencies(endpoints, events.accepted)),
        statuses: events.statuses,
      };
    };
    const earlyEvents = await eventRun();
    const events = await eventRun();

    // Overload: twice what it sustained, refusals counted rather than retried.
    memory.reset();
    const overloadRate = Math.max(1, Math.round(2 * throughput));
    const overload = await runClients({
      ...spec,
      retryRefused: false,
      kind: 'tasks',
      count: overloadRate * seconds,
      pacing: { ratePerSecond: overloadRate },
    });
    await finalTasks(endpoints, overload.accepted, 600_000);
    const overloadPeakMb = memory.peakMb();

    await sleep(settle * 1000);
    const settledMb = residentMb(pid);
    const settledSplit = residentSplitMb(pid);

    const serverLatency = (times: Map<string, TaskTimes>) =>
      latencyOf([...times.values()].map((t) => t.updatedAt - t.createdAt));
    const results = {
      machine: { cpus: cpus().length, node: process.version },
      baseline: {
        requestsPerSecond: Math.round(tasks / baselineClosed.seconds),
        clientLatency: latencyOf(baselineClosed.latenciesMs),
      },
      singleClient: serverLatency(singleTimes),
      coldThroughput: {
        tasksPerSecond: Math.round(cold.tasksPerSecond),
        latency: serverLatency(cold.times),
        cpuMsPerTask: Number(cold.cpuPerTaskMs.toFixed(1)),
        peakMb: cold.peakMb,
      },
      throughput: {
        clients,
        tasks: closed.accepted.length,
        tasksPerSecond: Math.round(throughput),
        latency: serverLatency(closedTimes),
        statuses: closed.statuses,
        cpuMsPerTask: Number(cpuPerTaskMs.toFixed(1)),
        clientCpuMsPerTask: Number(clientCpuPerTaskMs.toFixed(1)),
        // What the machine could do if the server and its clients kept every core busy.
        cpuCeilingTasksPerSecond: Math.round((cpus().length * 1000) / (cpuPerTaskMs + clientCpuPerTaskMs)),
      },
      openLoop: { ratePerSecond: rate, seconds, latency: serverLatency(openTimes), statuses: open.statuses },
      earlyEvents: { ratePerSecond: rate, seconds, ...earlyEvents },
      events: { ratePerSecond: rate, seconds, ...events },
      overload: { ratePerSecond: overloadRate, seconds, statuses: overload.statuses, peakMb: overloadPeakMb },
      memory: {
        idleMb,
        throughputPeakMb: peakMb,
        settledMb,
        settledAnonymousMb: settledSplit.anonymous,
        settledFileMb: settledSplit.file,
        settleSeconds: settle,
        oneLoad,
      },
      console: {
        throughputWatchedTasksPerSecond: Math.round(watched.tasksPerSecond),
        peakMbWatched: watched.peakMb,
        overviewSamples: consoleWatch.sampleGapsMs.length + 1,
        sampleGapMaxMs: Math.round(Math.max(0, ...consoleWatch.sampleGapsMs)),
        pageLoads: latencyOf(consoleWatch.pageLoadsMs),
        pageLoadMaxMs: Math.round(Math.max(0, ...consoleWatch.pageLoadsMs)),
        failures: consoleWatch.failures,
      },
    };
    const row = (what: string, figure: string, baseline = '-') => `| ${what} | ${figure} | ${baseline} |`;
    const markdown = [
      `# Local cloud under load (${results.machine.cpus} cores, Node ${process.version})`,
      '',
      '| What | Local cloud | Baseline: bare node:http, same clients |',
      '| --- | ---: | ---: |',
      row(
        `${clients} clients, ${tasks} hello tasks, the first load after the start: accept to SUCCEEDED, CPU per task`,
        `${results.coldThroughput.tasksPerSecond} tasks/s, ${results.coldThroughput.cpuMsPerTask} ms`,
        `${results.baseline.requestsPerSecond} requests/s`,
      ),
      row(
        `${clients} clients, ${tasks} hello tasks again, warm: accept to SUCCEEDED`,
        `${results.throughput.tasksPerSecond} tasks/s`,
        `${results.baseline.requestsPerSecond} requests/s`,
      ),
      row(
        'Same: latency p50 / p99 (server)',
        `${results.throughput.latency.p50Ms} / ${results.throughput.latency.p99Ms} ms`,
        `${results.baseline.clientLatency.p50Ms} / ${results.baseline.clientLatency.p99Ms} ms (client)`,
      ),
      row('Same: CPU per task, whole process', `${results.throughput.cpuMsPerTask} ms`),
      row(
        "Same: the clients' CPU per task; the ceiling if server and clients kept every core busy",
        `${results.throughput.clientCpuMsPerTask} ms; ${results.throughput.cpuCeilingTasksPerSecond} tasks/s`,
      ),
      row(
        `Offered ${rate} tasks/s for ${seconds} s: latency p50 / p99`,
        `${results.openLoop.latency.p50Ms} / ${results.openLoop.latency.p99Ms} ms`,
      ),
      row(
        '1 client, each task awaited: latency p50 / p99',
        `${results.singleClient.p50Ms} / ${results.singleClient.p99Ms} ms`,
      ),
      row(
        `Offered ${rate} events/s, the first ${seconds} s after two: POST /events to consumer, p50 / p99`,
        `${earlyEvents.latency.p50Ms} / ${earlyEvents.latency.p99Ms} ms`,
      ),
      row(
        `Offered ${rate} events/s, the next ${seconds} s (warm): POST /events to consumer, p50 / p99`,
        `${events.latency.p50Ms} / ${events.latency.p99Ms} ms`,
      ),
      row(
        `Overload, offered ${overloadRate} tasks/s: answers`,
        Object.entries(overload.statuses)
          .map(([status, count]) => `${count}x${status}`)
          .join(', '),
      ),
      row(
        'Memory (RSS): idle / throughput peak, first load and warm / overload peak',
        `${idleMb} / ${cold.peakMb}, ${peakMb} / ${overloadPeakMb} MB`,
      ),
      row(
        `Memory (RSS), a fresh runner: peak during one throughput run / ${settle} s after it (anonymous / mapped files)`,
        `${oneLoad.peakMb} / ${oneLoad.settledMb} MB (${oneLoad.anonymousMb} / ${oneLoad.fileMb} MB)`,
      ),
      row(
        `Memory (RSS): ${settle} s after all of the above, of which anonymous / mapped files`,
        `${settledMb} MB: ${settledSplit.anonymous} / ${settledSplit.file} MB`,
      ),
      row(
        `${clients} clients, ${tasks} tasks a third time, the web console open: throughput, RSS peak`,
        `${results.console.throughputWatchedTasksPerSecond} tasks/s, ${results.console.peakMbWatched} MB`,
        `${results.throughput.tasksPerSecond} tasks/s, ${peakMb} MB (warm, console closed)`,
      ),
      row(
        'Same: longest gap between overview samples the console received (target 2 s)',
        `${results.console.sampleGapMaxMs} ms over ${results.console.overviewSamples} samples`,
      ),
      row(
        'Same: page load (document, then script, style, config, overview), p50 / max (target 1 s)',
        `${results.console.pageLoads.p50Ms} / ${results.console.pageLoadMaxMs} ms over ${results.console.pageLoads.count} loads${results.console.failures.length > 0 ? `, ${results.console.failures.length} failed` : ''}`,
      ),
      '',
    ].join('\n');
    writeResults('local-cloud-load', results, markdown);
  } finally {
    memory.stop();
    await stopCloud(child, dataDir);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
