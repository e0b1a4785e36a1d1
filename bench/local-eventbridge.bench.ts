/**
 * EventBridge through the real SDK: PutEvents alone, and PutEvents -> rule -> SQS target ->
 * ReceiveMessage end to end, next to a bare node:http baseline answering PutEvents in the same
 * run; plus the event-pattern matcher alone against 100 rules, beside testing each rule in turn.
 * The local services (`npm run local:services`) and the baseline server each run in a process
 * of their own, apart from the SDK clients that measure them.
 *   npx tsx bench/local-eventbridge.bench.ts [--events 1000] [--concurrency 8] [--matcher-only]
 * --matcher-only runs just the matcher part and prints it, leaving bench/results as they are.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { matcherMarkdown, matcherThroughput } from './support/matcher-throughput';
import { measure, STATS_TABLE_HEADER, statsOf, statsRow, writeResults } from './support/measure';
import { startServerProcess } from './support/server-process';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const region = 'us-east-1';

const orderEvent = (index: number) => ({
  Source: 'com.example.shop',
  DetailType: 'order.placed',
  Detail: JSON.stringify({
    metadata: { eventId: `e-${index}` },
    data: { orderId: `o-${index}`, amount: 1500, currency: 'EUR' },
  }),
  EventBusName: 'bench',
});

const MATCHER_EVENTS = 200_000;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '8' },
      'matcher-only': { type: 'boolean', default: false },
    },
  });
  if (values['matcher-only']) {
    console.log(matcherMarkdown(matcherThroughput(MATCHER_EVENTS, region)).join('\n'));
    return;
  }
  const count = Number(values.events);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(count) || count < 10 || !Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(
      `--events must be >= 10 and --concurrency >= 1 (given ${values.events}, ${values.concurrency})`,
    );
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  const services = await startServerProcess(
    [join(__dirname, '..', 'bin', 'local-services.cjs'), '--port', '0', '--data-dir', dataDir],
    join(__dirname, '..'),
  );
  const baseline = await startServerProcess([
    '--import',
    'tsx',
    join(__dirname, 'support', 'fixed-answer-server-process.ts'),
    JSON.stringify({
      'AWSEvents.PutEvents': JSON.stringify({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] }),
    }),
    'application/x-amz-json-1.1',
  ]);
  const events = new EventBridgeClient({ endpoint: services.url, region, credentials });
  const baselineEvents = new EventBridgeClient({ endpoint: baseline.url, region, credentials });
  const sqs = new SQSClient({ endpoint: services.url, region, credentials });
  try {
    await events.send(new CreateEventBusCommand({ Name: 'bench' }));
    const { QueueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: 'bench-target' }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await events.send(
      new PutRuleCommand({
        Name: 'orders',
        EventBusName: 'bench',
        EventPattern: JSON.stringify({ 'detail-type': ['order.placed'] }),
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'orders',
        EventBusName: 'bench',
        Targets: [{ Id: 'queue', Arn: Attributes?.QueueArn }],
      }),
    );

    const put = (client: EventBridgeClient) => (index: number) =>
      client.send(new PutEventsCommand({ Entries: [orderEvent(index)] })).then(() => undefined);
    // Warm-up: connections and JIT out of the figures.
    await measure(100, concurrency, put(baselineEvents));
    await measure(100, concurrency, put(events));
    await drain(sqs, QueueUrl, 100);

    const baselinePut = await measure(count, concurrency, put(baselineEvents));
    const sentAt = new Map<number, bigint>();
    const started = process.hrtime.bigint();
    const receiving = drain(sqs, QueueUrl, count, (body, at) => {
      const index = Number(/"e-(\d+)"/.exec(body)?.[1]);
      const sent = sentAt.get(index);
      return sent === undefined ? undefined : Number(at - sent) / 1e6;
    });
    const localPut = await measure(count, concurrency, async (index) => {
      sentAt.set(index, process.hrtime.bigint());
      await put(events)(index);
    });
    const endToEndLatencies = await receiving;
    const endToEnd = statsOf(endToEndLatencies, Number(process.hrtime.bigint() - started) / 1e9);
    const matcher = matcherThroughput(MATCHER_EVENTS, region);

    const results = {
      measuredAt: new Date().toISOString(),
      node: process.version,
      events: count,
      concurrency,
      putEvents: { local: localPut, baseline: baselinePut },
      putEventsToSqsTarget: endToEnd,
      matcher,
    };
    const markdown = [
      '# Local EventBridge through the AWS SDK',
      '',
      `${results.measuredAt}, Node ${results.node}, ${count} events, ${concurrency} concurrent callers, one entry per PutEvents.`,
      'Baseline: a bare node:http server answering PutEvents with a fixed body to the same SDK client.',
      'End to end: from the PutEvents call to the target queue handing the message to ReceiveMessage.',
      '',
      ...STATS_TABLE_HEADER,
      statsRow('PutEvents', localPut, baselinePut),
      statsRow('PutEvents -> rule -> SQS target -> ReceiveMessage', endToEnd),
      '',
      ...matcherMarkdown(matcher),
    ].join('\n');
    writeResults('local-eventbridge', results, markdown);
  } finally {
    events.destroy();
    baselineEvents.destroy();
    sqs.destroy();
    await baseline.stop();
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Consumers reading the target queue at once, so the reading side is never what is measured. */
const RECEIVERS = 4;

/**
 * Receives and deletes `count` messages on `RECEIVERS` concurrent consumers; `latencyOf` turns
 * each body into a latency to keep.
 */
async function drain(
  sqs: SQSClient,
  queueUrl: string,
  count: number,
  latencyOf: (body: string, receivedAt: bigint) => number | undefined = () => undefined,
): Promise<number[]> {
  const latencies: number[] = [];
  let received = 0;
  const deadline = Date.now() + 120_000;
  const consume = async (): Promise<void> => {
    while (received < count) {
      if (Date.now() > deadline)
        throw new Error(`Only ${received} of ${count} events reached the target queue in 120 s`);
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      const at = process.hrtime.bigint();
      for (const message of Messages) {
        const latency = latencyOf(message.Body ?? '', at);
        if (latency !== undefined) latencies.push(latency);
      }
      received += Messages.length;
      if (Messages.length > 0) {
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: Messages.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle })),
          }),
        );
      }
    }
  };
  await Promise.all(Array.from({ length: RECEIVERS }, consume));
  return latencies;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
