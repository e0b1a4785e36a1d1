/**
 * Throughput and latency of the local SQS through the real SDK, next to a baseline measured in
 * the same run: a bare node:http server answering fixed, valid JSON to the same client. The gap
 * between the two is what the emulator (parsing, model, SQLite commit) costs per call. The local
 * services (`npm run local:services`) and the baseline server each run in a process of their
 * own, so the SDK clients' CPU is not charged to them. The SDK's per-call work caps one client
 * process near the baseline's rate, so receive+delete in batches is measured a second time
 * through a lean wire client (`support/sqs-wire-client.ts`), which shows the server's own ceiling.
 *   npx tsx bench/local-sqs.bench.ts [--messages 2000] [--concurrency 8]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { measure, STATS_TABLE_HEADER, type Stats, statsRow, writeResults } from './support/measure';
import { startServerProcess } from './support/server-process';
import { BASELINE_ANSWERS, BATCH_BASELINE_ANSWERS, BENCH_BODY as BODY } from './support/sqs-baseline-answers';
import { SqsWireClient } from './support/sqs-wire-client';

function client(endpoint: string): SQSClient {
  return new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}

/** The baseline: answers every SQS call with a fixed body the SDK accepts (MD5s included). */
const startBaseline = (answers: Record<string, string>) =>
  startServerProcess([
    '--import',
    'tsx',
    join(__dirname, 'support', 'fixed-answer-server-process.ts'),
    JSON.stringify(answers),
    'application/x-amz-json-1.0',
  ]);

/** Receives and deletes `count` messages ten at a time, as an event source or worker does. */
async function receiveDeleteBatches(sqs: SQSClient, queueUrl: string, count: number, concurrency: number) {
  const stats: Stats = await measure(Math.ceil(count / 10), concurrency, async () => {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    if (Messages.length === 0) return;
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((message, i) => ({ Id: `d${i}`, ReceiptHandle: message.ReceiptHandle })),
      }),
    );
  });
  return { ...stats, messagesPerSecond: stats.perSecond * 10 };
}

/**
 * The same batches through the lean wire client, to find the server's ceiling rather than the
 * SDK's. With `expectedIds`, every one of that many messages must be received exactly once.
 */
async function wireBatches(
  wire: SqsWireClient,
  queueUrl: string,
  count: number,
  concurrency: number,
  expectedIds?: number,
) {
  const ids: string[] = [];
  const stats: Stats = await measure(Math.ceil(count / 10), concurrency, async () => {
    const received = await wire.receiveAndDeleteBatch(queueUrl, 1);
    ids.push(...received);
  });
  if (expectedIds !== undefined && (ids.length !== expectedIds || new Set(ids).size !== expectedIds)) {
    throw new Error(
      `the wire client received ${ids.length} messages, ${new Set(ids).size} distinct, of ${expectedIds}`,
    );
  }
  if (ids.length === 0) throw new Error('the wire client received no messages');
  return { ...stats, messagesPerSecond: Math.round(ids.length / stats.seconds) };
}

/** Throws unless the queue holds no message, visible or in flight: every delete took effect. */
async function assertEmpty(sqs: SQSClient, queueUrl: string): Promise<void> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  const left =
    Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible);
  if (left !== 0) throw new Error(`${left} messages are left in ${queueUrl} after the wire run`);
}

/** Receives every message of a filled queue through the wire client, then checks it is empty. */
async function localWireRun(
  sqs: SQSClient,
  wire: SqsWireClient,
  queueUrl: string,
  count: number,
  concurrency: number,
) {
  await fill(sqs, queueUrl, count);
  const stats = await wireBatches(wire, queueUrl, count, concurrency, count);
  await assertEmpty(sqs, queueUrl);
  return stats;
}

async function fill(sqs: SQSClient, queueUrl: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 10) {
    const Entries = Array.from({ length: 10 }, (_, j) => ({ Id: `e${j}`, MessageBody: BODY }));
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries }));
  }
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
  // Messages for the receive run, sent in batches so the fill is not part of any figure.
  if (prefill) await fill(sqs, queueUrl, count);
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
  const services = await startServerProcess(
    [join(__dirname, '..', 'bin', 'local-services.cjs'), '--port', '0', '--data-dir', dataDir],
    join(__dirname, '..'),
  );
  const baseline = await startBaseline(BASELINE_ANSWERS);
  const batchBaseline = await startBaseline(BATCH_BASELINE_ANSWERS);
  const localClient = client(services.url);
  const baselineClient = client(baseline.url);
  const batchBaselineClient = client(batchBaseline.url);
  const wireOptions = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const localWire = new SqsWireClient({ ...wireOptions, endpoint: services.url });
  const baselineWire = new SqsWireClient({ ...wireOptions, endpoint: batchBaseline.url });
  try {
    const { QueueUrl } = await localClient.send(new CreateQueueCommand({ QueueName: 'bench' }));
    // A queue of its own for the wire run, so it starts with exactly the messages it fills in.
    const { QueueUrl: wireQueue } = await localClient.send(
      new CreateQueueCommand({ QueueName: 'bench-wire' }),
    );
    const wireQueueUrl = wireQueue as string;
    // Warm every path up so connection setup and JIT are not in the figures.
    await runSuite(baselineClient, `${baseline.url}/000000000000/bench`, 100, concurrency, false);
    await runSuite(localClient, QueueUrl as string, 100, concurrency, true);
    await wireBatches(baselineWire, `${batchBaseline.url}/000000000000/bench`, 500, concurrency);
    await localWireRun(localClient, localWire, wireQueueUrl, 500, concurrency);

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
      batchBaseline: await receiveDeleteBatches(
        batchBaselineClient,
        `${batchBaseline.url}/000000000000/bench`,
        count * 5,
        concurrency,
      ),
      localBatches: await fill(localClient, QueueUrl as string, count * 5).then(() =>
        receiveDeleteBatches(localClient, QueueUrl as string, count * 5, concurrency),
      ),
      wireBaseline: await wireBatches(
        baselineWire,
        `${batchBaseline.url}/000000000000/bench`,
        count * 5,
        concurrency,
      ),
      localWire: await localWireRun(localClient, localWire, wireQueueUrl, count * 5, concurrency),
    };

    const markdown = [
      '# Local SQS through the AWS SDK',
      '',
      `${results.measuredAt}, Node ${results.node}, ${count} messages of ${results.bodyBytes} bytes, ${concurrency} concurrent callers.`,
      'Baseline: a bare node:http server answering fixed, valid JSON to the same client (the SDK, or the lean wire client).',
      'The SDK clients run in this process; the local services and the baseline server each in one of',
      'their own. The difference between the columns is the cost of the local SQS per call.',
      '',
      ...STATS_TABLE_HEADER,
      statsRow('SendMessage', results.localSqs.sendMessage, results.baseline.sendMessage),
      statsRow(
        'ReceiveMessage + DeleteMessage',
        results.localSqs.receiveAndDelete,
        results.baseline.receiveAndDelete,
      ),
      statsRow(
        'ReceiveMessage (10) + DeleteMessageBatch, per batch',
        results.localBatches,
        results.batchBaseline,
      ),
      statsRow(
        'Same, through the lean wire client (bench/support/sqs-wire-client.ts)',
        results.localWire,
        results.wireBaseline,
      ),
      '',
      `Batches of 10: ${results.localBatches.messagesPerSecond} messages/s received and deleted (baseline ${results.batchBaseline.messagesPerSecond}).`,
      `Through the lean wire client: ${results.localWire.messagesPerSecond} messages/s (baseline ${results.wireBaseline.messagesPerSecond}).`,
      '',
    ].join('\n');

    writeResults('local-sqs', results, markdown);
  } finally {
    localClient.destroy();
    baselineClient.destroy();
    batchBaselineClient.destroy();
    localWire.destroy();
    baselineWire.destroy();
    await baseline.stop();
    await batchBaseline.stop();
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
