/**
 * Throughput and latency of the local SQS through the real SDK, next to a baseline measured in
 * the same run: a bare node:http server answering fixed, valid JSON to the same client. The gap
 * between the two is what the emulator (parsing, model, SQLite commit) costs per call.
 *   npx tsx bench/local-sqs.bench.ts [--messages 2000] [--concurrency 8]
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { startServices } from '../local';

const BODY = JSON.stringify({ taskId: 'bench', payload: 'x'.repeat(200) });
const BODY_MD5 = createHash('md5').update(BODY).digest('hex');

interface Stats {
  readonly operations: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Runs `operation` `count` times on `concurrency` workers and reports rate and latency. */
async function measure(count: number, concurrency: number, operation: () => Promise<void>): Promise<Stats> {
  const latencies: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next += 1;
        const t0 = process.hrtime.bigint();
        await operation();
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    operations: count,
    seconds: Number(seconds.toFixed(3)),
    perSecond: Math.round(count / seconds),
    p50Ms: Number(percentile(latencies, 50).toFixed(2)),
    p99Ms: Number(percentile(latencies, 99).toFixed(2)),
  };
}

function client(endpoint: string): SQSClient {
  return new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}

/** The baseline: answers every SQS call with a fixed body the SDK accepts (MD5s included). */
async function startBaseline(): Promise<{ url: string; close(): Promise<void> }> {
  const answers: Record<string, string> = {
    'AmazonSQS.SendMessage': JSON.stringify({ MessageId: 'm-1', MD5OfMessageBody: BODY_MD5 }),
    'AmazonSQS.ReceiveMessage': JSON.stringify({
      Messages: [{ MessageId: 'm-1', ReceiptHandle: 'r-1', MD5OfBody: BODY_MD5, Body: BODY }],
    }),
    'AmazonSQS.DeleteMessage': '{}',
  };
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const body = answers[String(request.headers['x-amz-target'])] ?? '{}';
      response.writeHead(200, {
        'content-type': 'application/x-amz-json-1.0',
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
}

async function runSuite(
  sqs: SQSClient,
  queueUrl: string,
  count: number,
  concurrency: number,
  prefill: boolean,
) {
  const send = await measure(count, concurrency, async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: BODY }));
  });
  if (prefill) {
    // Messages for the receive run, sent in batches so the fill is not part of any figure.
    for (let i = 0; i < count; i += 10) {
      const Entries = Array.from({ length: 10 }, (_, j) => ({ Id: `e${j}`, MessageBody: BODY }));
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries }));
    }
  }
  const receiveDelete = await measure(count, concurrency, async () => {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }),
    );
    for (const message of Messages) {
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    }
  });
  return { sendMessage: send, receiveAndDelete: receiveDelete };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { messages: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '8' } },
  });
  const count = Number(values.messages);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(count) || count < 10 || !Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(
      `--messages must be >= 10 and --concurrency >= 1 (given ${values.messages}, ${values.concurrency})`,
    );
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  const services = await startServices({ port: 0, dataDir });
  const baseline = await startBaseline();
  const localClient = client(services.url);
  const baselineClient = client(baseline.url);
  try {
    const { QueueUrl } = await localClient.send(new CreateQueueCommand({ QueueName: 'bench' }));
    // Warm both paths up so connection setup and JIT are not in the figures.
    await runSuite(baselineClient, `${baseline.url}/000000000000/bench`, 100, concurrency, false);
    await runSuite(localClient, QueueUrl as string, 100, concurrency, true);

    const results = {
      measuredAt: new Date().toISOString(),
      node: process.version,
      messages: count,
      concurrency,
      bodyBytes: Buffer.byteLength(BODY),
      baseline: await runSuite(
        baselineClient,
        `${baseline.url}/000000000000/bench`,
        count,
        concurrency,
        false,
      ),
      localSqs: await runSuite(localClient, QueueUrl as string, count, concurrency, true),
    };

    const row = (name: string, local: Stats, base: Stats) =>
      `| ${name} | ${local.perSecond} | ${local.p50Ms} | ${local.p99Ms} | ${base.perSecond} | ${base.p50Ms} | ${base.p99Ms} |`;
    const markdown = [
      '# Local SQS through the AWS SDK',
      '',
      `${results.measuredAt}, Node ${results.node}, ${count} messages of ${results.bodyBytes} bytes, ${concurrency} concurrent callers.`,
      'Baseline: a bare node:http server answering fixed, valid JSON to the same SDK client.',
      'Client, local services and baseline share one Node process (one event loop), so SDK client',
      'CPU time is in both columns; the difference is the cost of the local SQS per call.',
      '',
      '| Operation | local msgs/s | local p50 ms | local p99 ms | baseline msgs/s | baseline p50 ms | baseline p99 ms |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      row('SendMessage', results.localSqs.sendMessage, results.baseline.sendMessage),
      row(
        'ReceiveMessage + DeleteMessage',
        results.localSqs.receiveAndDelete,
        results.baseline.receiveAndDelete,
      ),
      '',
    ].join('\n');

    const outDir = join(__dirname, 'results');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'local-sqs.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(outDir, 'local-sqs.md'), markdown);
    console.log(markdown);
  } finally {
    localClient.destroy();
    baselineClient.destroy();
    await baseline.close();
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
