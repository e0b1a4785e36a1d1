/**
 * Whole flows through the local cloud over real HTTP with SigV4-signed requests:
 * POST /tasks -> worker -> GET /tasks/{id} says SUCCEEDED, and POST /events -> bus -> rule ->
 * high-value-orders consumer -> its consumption shows in GET /flows/{correlationId}; each at
 * 1, 10 and 50 concurrent clients, beside the same signed client against a bare node:http
 * server in the same run. Also cold start and warm invocation per function, and the start time
 * with a current and with a stale cloud assembly.
 *   npx tsx bench/local-cloud.bench.ts [--flows 100]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startConsole } from '../console';
import { type LocalCloud, startLocalCloud } from '../local/runner';
import { signedRequest } from '../test/e2e/local/runner/support/signed-api';
import {
  measure,
  percentile,
  STATS_TABLE_HEADER,
  type Stats,
  startFixedAnswerServer,
  statsRow,
  writeResults,
} from './support/measure';

const CONCURRENCY_LEVELS = [1, 10, 50] as const;
const POLL_MS = 25;
const FLOW_DEADLINE_MS = 60_000;
const quiet = () => undefined;
/**
 * The stage's throttle (100 requests/s, burst 200) lifted: 50 clients polling every 25 ms ask
 * for far more, and the flows, not the throttle, are what this measures.
 */
const UNTHROTTLED = {
  'switchyard:throttlingRateLimit': '100000',
  'switchyard:throttlingBurstLimit': '100000',
};

/** Fails loudly rather than polling forever for a request that was refused. */
const expectStatus = (what: string, answer: { status: number; body: unknown }, status: number): void => {
  if (answer.status !== status) {
    throw new Error(`${what} answered ${answer.status}, not ${status}: ${JSON.stringify(answer.body)}`);
  }
};

const pollUntil = async (check: () => Promise<boolean>): Promise<void> => {
  const deadline = Date.now() + FLOW_DEADLINE_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('A flow did not finish within 60 s');
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
};

const taskFlow = (cloud: LocalCloud) => async () => {
  const accepted = await signedRequest(cloud, 'POST', '/tasks', {
    type: 'hello',
    payload: { name: 'bench' },
  });
  expectStatus('POST /tasks', accepted, 202);
  const { taskId } = accepted.body as { taskId: string };
  await pollUntil(async () => {
    const status = await signedRequest(cloud, 'GET', `/tasks/${taskId}`);
    return (status.body as { status?: string }).status === 'SUCCEEDED';
  });
};

const eventFlow = (cloud: LocalCloud) => async () => {
  const correlationId = randomUUID();
  const order = {
    source: 'com.example.bench',
    type: 'order.placed',
    data: { orderId: correlationId, amount: 2500, currency: 'EUR', customer: { customerId: 'c-1' } },
  };
  const published = await signedRequest(
    cloud,
    'POST',
    '/events',
    { events: [order] },
    { 'x-correlation-id': correlationId },
  );
  expectStatus('POST /events', published, 202);
  await pollUntil(async () => {
    const flow = await signedRequest(cloud, 'GET', `/flows/${correlationId}`);
    const timeline = (flow.body as { timeline?: { kind: string; subscription?: string }[] }).timeline ?? [];
    return timeline.some(
      (entry) => entry.kind === 'EVENT_CONSUMED' && entry.subscription === 'high-value-orders',
    );
  });
};

async function main(): Promise<void> {
  // The SDK's notice about this Node.js version is not a result.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { values } = parseArgs({ options: { flows: { type: 'string', default: '100' } } });
  const flows = Number(values.flows);
  if (!Number.isInteger(flows) || flows < 10)
    throw new Error(`--flows must be an integer >= 10 (given ${values.flows})`);

  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-cloud-'));
  const coldOutdir = mkdtempSync(join(tmpdir(), 'switchyard-bench-cdk-'));
  const baseline = await startFixedAnswerServer({}, 'application/json');
  // Stale assembly: a fresh outdir forces a synth; then the same outdir again is current.
  const options = {
    apiPort: 0,
    awsPort: 0,
    dataDir,
    outdir: coldOutdir,
    context: UNTHROTTLED,
    log: quiet,
    functionLogs: quiet,
  };
  const cold = await startLocalCloud(options);
  const coldStartMs = cold.startup.ms;
  await cold.stop();
  const warm = await startLocalCloud(options);
  const warmStartMs = warm.startup.ms;
  await warm.stop();
  // As `npm start` runs by default: with the web console.
  const cloud = await startLocalCloud({ ...options, console: (feeds) => startConsole(feeds, { port: 0 }) });
  const consoleStartMs = cloud.startup.ms;
  try {
    const baselineTarget = { ...cloud, apiUrl: baseline.url };
    const baselineCall = async () => {
      await signedRequest(baselineTarget, 'POST', '/tasks', { type: 'hello', payload: { name: 'bench' } });
    };
    // Warm-up: one flow alone first, so each function's first cold start is measured without
    // others starting beside it; then ten at once, so the figures below hold no cold starts.
    await measure(1, 1, taskFlow(cloud));
    await measure(1, 1, eventFlow(cloud));
    await measure(20, 10, taskFlow(cloud));
    await measure(20, 10, eventFlow(cloud));

    const rows: Record<string, { tasks: Stats; events: Stats; baseline: Stats }> = {};
    for (const concurrency of CONCURRENCY_LEVELS) {
      const count = Math.max(flows, concurrency * 2);
      rows[concurrency] = {
        tasks: await measure(count, concurrency, taskFlow(cloud)),
        events: await measure(count, concurrency, eventFlow(cloud)),
        baseline: await measure(count, concurrency, baselineCall),
      };
    }

    const hello = cloud.lambda.list().find((definition) => definition.name.includes('Hello'));
    const warmHello: number[] = [];
    for (let i = 0; i < 200 && hello; i += 1) {
      const t0 = performance.now();
      await cloud.lambda.invoke(hello.logicalId, { httpMethod: 'GET', path: '/api/data', headers: {} });
      warmHello.push(performance.now() - t0);
    }
    warmHello.sort((a, b) => a - b);
    const coldStarts = Object.fromEntries(
      Object.entries(cloud.lambda.stats())
        .filter(([, stats]) => stats.firstInitMs !== null)
        .map(([name, stats]) => [name, Math.round(stats.firstInitMs ?? 0)]),
    );

    const results = {
      measuredAt: new Date().toISOString(),
      node: process.version,
      flowsPerLevel: flows,
      startup: {
        staleAssemblyMs: Math.round(coldStartMs),
        currentAssemblyMs: Math.round(warmStartMs),
        currentAssemblyWithConsoleMs: Math.round(consoleStartMs),
      },
      flows: rows,
      coldStartMs: coldStarts,
      warmInvokeHelloMs: {
        p50: Number(percentile(warmHello, 50).toFixed(2)),
        p99: Number(percentile(warmHello, 99).toFixed(2)),
      },
    };
    const markdown = [
      '# Whole flows through the local cloud',
      '',
      `${results.measuredAt}, Node ${results.node}, at least ${flows} flows per level, one process for clients and cloud.`,
      'A task flow is POST /tasks until GET /tasks/{id} says SUCCEEDED; an event flow is POST /events until',
      'GET /flows/{id} shows the high-value-orders consumption (both polled every 25 ms). Baseline: the same',
      'signed client POSTing to a bare node:http server.',
      '',
      ...STATS_TABLE_HEADER.map((line) => line.replace('Operation', 'Flow (clients)')),
      ...CONCURRENCY_LEVELS.flatMap((concurrency) => {
        const row = rows[concurrency];
        return row
          ? [
              statsRow(`POST /tasks -> SUCCEEDED (${concurrency})`, row.tasks, row.baseline),
              statsRow(`POST /events -> consumer (${concurrency})`, row.events, row.baseline),
            ]
          : [];
      }),
      '',
      `Start: ${results.startup.staleAssemblyMs} ms with a stale cloud assembly (synth included), ${results.startup.currentAssemblyMs} ms with a current one, ${results.startup.currentAssemblyWithConsoleMs} ms with a current one and the web console (target 300).`,
      `Warm invocation of Hello (runtime, no HTTP): p50 ${results.warmInvokeHelloMs.p50} ms, p99 ${results.warmInvokeHelloMs.p99} ms.`,
      '',
      '| Function (invoked ones) | first cold start ms |',
      '| --- | ---: |',
      ...Object.entries(coldStarts).map(([name, ms]) => `| ${name} | ${ms} |`),
      '',
    ].join('\n');
    writeResults('local-cloud', results, markdown);
  } finally {
    await cloud.stop();
    await baseline.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(coldOutdir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
