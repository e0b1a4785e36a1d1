/**
 * The clients of the load benchmark, in a process of their own so their CPU (signing, JSON,
 * sockets) is not charged to the server they measure. Reads a `LoadSpec` as JSON from argv[2],
 * sends signed requests, and prints one `LoadResult` as JSON on stdout.
 *
 * Closed loop: `concurrency` clients each send their next request when the last one answered
 * (a throughput test). Open loop: requests start at a fixed rate whatever the answers (a
 * latency test that does not hide a slow server by slowing its clients down).
 */
import { randomUUID } from 'node:crypto';
import { SignedHttpClient } from './signed-http-client';

export type LoadKind = 'tasks' | 'events';

export interface LoadSpec {
  readonly apiUrl: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly kind: LoadKind;
  readonly count: number;
  /** Closed loop with this many clients, or open loop at this rate (requests per second). */
  readonly pacing: { readonly concurrency: number } | { readonly ratePerSecond: number };
  /**
   * Send a refused request again (429, 503), as the reliability tests' clients do, until it is
   * accepted. Off in the overload run, where refusals are what is measured.
   */
  readonly retryRefused: boolean;
  /**
   * Tasks only: a client sends its next task once the last one is final (polled every 10 ms),
   * so the run measures a task's latency on an otherwise idle cloud. @default false
   */
  readonly awaitFinal?: boolean;
}

export interface LoadResult {
  /** Task ids (tasks) or correlation ids (events) of accepted requests. */
  readonly accepted: readonly string[];
  /** Answers by HTTP status, retries included. */
  readonly statuses: Readonly<Record<string, number>>;
  /** Client-side latencies of accepted requests, ms. */
  readonly latenciesMs: readonly number[];
  readonly seconds: number;
  /** The clients' own CPU time during the run (process start excluded), ms. */
  readonly cpuMs: number;
}

const REFUSED = new Set([429, 503]);

const requestFor = (kind: LoadKind, index: number) => {
  if (kind === 'tasks') {
    return {
      path: '/tasks',
      body: { type: 'hello', payload: { name: `load-${index}` } },
      correlationId: undefined,
    };
  }
  const correlationId = randomUUID();
  return {
    path: '/events',
    correlationId,
    body: {
      events: [
        {
          source: 'com.example.load',
          type: 'order.placed',
          data: { orderId: correlationId, amount: 2500, currency: 'EUR', customer: { customerId: 'c-1' } },
        },
      ],
    },
  };
};

const FINAL = new Set(['SUCCEEDED', 'FAILED']);

async function untilFinal(client: SignedHttpClient, taskId: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const answer = await client.request('GET', `/tasks/${taskId}`);
    if (answer.status === 200 && FINAL.has((JSON.parse(answer.text) as { status?: string }).status ?? ''))
      return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`task ${taskId} was not final within 60 s`);
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  const client = new SignedHttpClient({
    endpoint: spec.apiUrl,
    region: spec.region,
    service: 'execute-api',
    credentials: spec.credentials,
  });
  const accepted: string[] = [];
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  const sendOne = async (index: number): Promise<void> => {
    const request = requestFor(spec.kind, index);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...(request.correlationId !== undefined && { 'x-correlation-id': request.correlationId }),
    };
    for (let attempt = 0; ; attempt += 1) {
      const started = performance.now();
      const response = await client.request('POST', request.path, JSON.stringify(request.body), headers);
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (response.status === 202) {
        latenciesMs.push(performance.now() - started);
        const id = request.correlationId ?? (JSON.parse(response.text) as { taskId: string }).taskId;
        accepted.push(id);
        if (spec.awaitFinal && spec.kind === 'tasks') await untilFinal(client, id);
        return;
      }
      if (!(spec.retryRefused && REFUSED.has(response.status))) return;
      // As the AWS SDKs retry throttling: exponential backoff with full jitter. A fixed short
      // delay would have every refused client hammer the server at once, measuring the storm.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2_000, 50 * 2 ** attempt)));
    }
  };

  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  if ('concurrency' in spec.pacing) {
    let next = 0;
    await Promise.all(
      Array.from({ length: spec.pacing.concurrency }, async () => {
        for (let index = next++; index < spec.count; index = next++) await sendOne(index);
      }),
    );
  } else {
    const intervalMs = 1000 / spec.pacing.ratePerSecond;
    const sent: Promise<void>[] = [];
    for (let index = 0; index < spec.count; index += 1) {
      const due = started + index * intervalMs;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      sent.push(sendOne(index));
    }
    await Promise.all(sent);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  client.destroy();
  return { accepted, statuses, latenciesMs, seconds, cpuMs: (cpu.user + cpu.system) / 1000 };
}

run(JSON.parse(process.argv[2] ?? '{}') as LoadSpec).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error: unknown) => {
    process.stderr.write(`load client failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
