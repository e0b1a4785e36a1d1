/**
 * Whether the local AWS endpoint keeps anything per request: the heap after a forced collection,
 * sampled between rounds of SQS ReceiveMessage + DeleteMessageBatch calls over HTTP, after a
 * warm-up. A long-lived local cloud serves millions of requests, so a few bytes kept per call
 * add up (deriving each request's signal with `AbortSignal.any` from a long-lived one kept about
 * 80 bytes a call here). The services run in this process, because their heap is what is measured;
 * the lean wire client keeps nothing between rounds, and the baseline runs the same client
 * against a bare `node:http` server in this process too, so its own share shows there.
 *   npx tsx bench/local-endpoint-memory.bench.ts [--rounds 40] [--batches 200]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { captureMainHeapCollector, releaseMainHeap } from '../local/runner/main-heap-release';
import { startServices } from '../local/services';
import { measure, startFixedAnswerServer, writeResults } from './support/measure';
import { BATCH_BASELINE_ANSWERS, BENCH_BODY as BODY } from './support/sqs-baseline-answers';
import { SqsWireClient } from './support/sqs-wire-client';

const WARM_UP_ROUNDS = 5;
const CALLERS = 8;
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

const heapAfterCollection = async (): Promise<number> => {
  // Twice, with a turn between: objects freed by the first collection's finalizers go in the second.
  releaseMainHeap();
  await new Promise((resolve) => setImmediate(resolve));
  releaseMainHeap();
  return process.memoryUsage().heapUsed;
};

interface Growth {
  readonly requests: number;
  readonly heapGrowthKb: number;
  readonly bytesPerRequest: number;
}

/** Runs `round` after a warm-up and reports how much the heap grew per HTTP request. */
async function heapGrowth(
  rounds: number,
  requestsPerRound: number,
  round: () => Promise<void>,
): Promise<Growth> {
  for (let i = 0; i < WARM_UP_ROUNDS; i += 1) await round();
  const before = await heapAfterCollection();
  for (let i = 0; i < rounds; i += 1) await round();
  const after = await heapAfterCollection();
  const requests = rounds * requestsPerRound;
  return {
    requests,
    heapGrowthKb: Math.round((after - before) / 1024),
    bytesPerRequest: Number(((after - before) / requests).toFixed(1)),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rounds: { type: 'string', default: '40' }, batches: { type: 'string', default: '200' } },
  });
  const rounds = Number(values.rounds);
  const batches = Number(values.batches);
  if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(batches) || batches < CALLERS) {
    throw new Error(
      `--rounds must be >= 1 and --batches >= ${CALLERS} (given ${values.rounds}, ${values.batches})`,
    );
  }
  captureMainHeapCollector();
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-memory-'));
  const services = await startServices({ port: 0, dataDir });
  const baseline = await startFixedAnswerServer(BATCH_BASELINE_ANSWERS, 'application/x-amz-json-1.0');
  const localWire = new SqsWireClient({ endpoint: services.url, region: services.region, credentials });
  const baselineWire = new SqsWireClient({ endpoint: baseline.url, region: 'us-east-1', credentials });
  try {
    const queue = services.sqs.createQueue('bench-memory');
    const localRound = async () => {
      for (let i = 0; i < batches * 10; i += 1) services.sqs.sendMessage(queue.url, BODY);
      await measure(batches, CALLERS, async () => {
        await localWire.receiveAndDeleteBatch(queue.url, 0);
      });
    };
    const baselineRound = async () => {
      await measure(batches, CALLERS, async () => {
        await baselineWire.receiveAndDeleteBatch(`${baseline.url}/000000000000/bench`, 0);
      });
    };
    // Two HTTP requests per batch: the receive and the delete.
    const results = {
      measuredAt: new Date().toISOString(),
      node: process.version,
      rounds,
      batchesPerRound: batches,
      baseline: await heapGrowth(rounds, batches * 2, baselineRound),
      local: await heapGrowth(rounds, batches * 2, localRound),
    };
    const markdown = [
      '# Heap kept per request by the local AWS endpoint',
      '',
      `${results.measuredAt}, Node ${results.node}: ${rounds} rounds of ${batches} SQS ReceiveMessage (10) + DeleteMessageBatch`,
      `calls after ${WARM_UP_ROUNDS} warm-up rounds; heap after a forced collection, before and after.`,
      'Baseline: the same client against a bare node:http server in this process.',
      '',
      '| What | HTTP requests | heap growth KB | bytes per request |',
      '| --- | ---: | ---: | ---: |',
      `| Local SQS | ${results.local.requests} | ${results.local.heapGrowthKb} | ${results.local.bytesPerRequest} |`,
      `| Baseline | ${results.baseline.requests} | ${results.baseline.heapGrowthKb} | ${results.baseline.bytesPerRequest} |`,
      '',
    ].join('\n');
    writeResults('local-endpoint-memory', results, markdown);
  } finally {
    localWire.destroy();
    baselineWire.destroy();
    await baseline.close();
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
