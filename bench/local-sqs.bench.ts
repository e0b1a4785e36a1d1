/**
 * Throughput and latency of the local SQS through the real SDK, next to a baseline measured in
 * the same run: a bare node:http server answering fixed, valid JSON to the same client. The gap
 * between the two is what the emulator (parsing, model, SQLite commit) costs per call.
 *   npx tsx bench/local-sqs.bench.ts [--messages 2000] [--concurrency 8]
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
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
import {
  measure,
  STATS_TABLE_HEADER,
  startFixedAnswerServer,
  statsRow,
  writeResults,
} from './support/measure';

const BODY = JSON.stringify({ taskId: 'bench', payload: 'x'.repeat(200) });
const BODY_MD5 = createHash('md5').update(BODY).digest('hex');

function client(endpoint: string): SQSClient {
  return new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}

/** The baseline: answers every SQS call with a fixed body the SDK accepts (MD5s included). */
const startBaseline = () =>
  startFixedAnswerServer(
    {
      'AmazonSQS.SendMessage': JSON.stringify({ MessageId: 'm-1', MD5OfMessageBody: BODY_MD5 }),
      'AmazonSQS.ReceiveMessage': JSON.stringify({
        Messages: [{ MessageId: 'm-1', ReceiptHandle: 'r-1', MD5OfBody: BODY_MD5, Body: BODY }],
      }),
      'AmazonSQS.DeleteMessage': '{}',
    },
    'application/x-amz-json-1.0',
  );

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

    const markdown = [
      '# Local SQS through the AWS SDK',
      '',
      `${results.measuredAt}, Node ${results.node}, ${count} messages of ${results.bodyBytes} bytes, ${concurrency} concurrent callers.`,
      'Baseline: a bare node:http server answering fixed, valid JSON to the same SDK client.',
      'Client, local services and baseline share one Node process (one event loop), so SDK client',
      'CPU time is in both columns; the difference is the cost of the local SQS per call.',
      '',
      ...STATS_TABLE_HEADER,
      statsRow('SendMessage', results.localSqs.sendMessage, results.baseline.sendMessage),
      statsRow(
        'ReceiveMessage + DeleteMessage',
        results.localSqs.receiveAndDelete,
        results.baseline.receiveAndDelete,
      ),
      '',
    ].join('\n');

    writeResults('local-sqs', results, markdown);
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
