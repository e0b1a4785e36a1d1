import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** Rate and latency of one measured operation. */
export interface Stats {
  readonly operations: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Rate and latency from per-operation latencies and the wall time they took. */
export const statsOf = (latenciesMs: number[], seconds: number): Stats => {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    operations: sorted.length,
    seconds: Number(seconds.toFixed(3)),
    perSecond: Math.round(sorted.length / seconds),
    p50Ms: Number(percentile(sorted, 50).toFixed(2)),
    p99Ms: Number(percentile(sorted, 99).toFixed(2)),
  };
};

/** Runs `operation` `count` times on `concurrency` callers and reports rate and latency. */
export const measure = async (
  count: number,
  concurrency: number,
  operation: (index: number) => Promise<void>,
): Promise<Stats> => {
  const latencies: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next;
        next += 1;
        const t0 = process.hrtime.bigint();
        await operation(index);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  return statsOf(latencies, Number(process.hrtime.bigint() - started) / 1e9);
};

/**
 * The baseline every benchmark prints beside its figures: a bare node:http server answering a
 * fixed body per `X-Amz-Target`, so the difference to it is what the emulator costs.
 */
export const startFixedAnswerServer = async (
  answers: Readonly<Record<string, string>>,
  contentType: string,
  statusCode = 200,
): Promise<{ url: string; close(): Promise<void> }> => {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const body = answers[String(request.headers['x-amz-target'])] ?? answers['*'] ?? '{}';
      response.writeHead(statusCode, {
        'content-type': contentType,
        'content-length': Buffer.byteLength(body),
      });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};

/** Writes `<name>.json` and `<name>.md` into bench/results and prints the Markdown. */
export const writeResults = (name: string, results: object, markdown: string): void => {
  const outDir = join(__dirname, '..', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(outDir, `${name}.md`), markdown);
  console.log(markdown);
};

export const statsRow = (name: string, local: Stats, baseline?: Stats): string =>
  `| ${name} | ${local.perSecond} | ${local.p50Ms} | ${local.p99Ms} | ${baseline?.perSecond ?? '-'} | ${baseline?.p50Ms ?? '-'} | ${baseline?.p99Ms ?? '-'} |`;

export const STATS_TABLE_HEADER = [
  '| Operation | local ops/s | local p50 ms | local p99 ms | baseline ops/s | baseline p50 ms | baseline p99 ms |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
];
