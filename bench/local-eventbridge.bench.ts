/**
 * EventBridge through the real SDK: PutEvents alone, and PutEvents -> rule -> SQS target ->
 * ReceiveMessage end to end, next to a bare node:http baseline answering PutEvents in the same
 * run; plus the event-pattern matcher alone against 100 rules.
 *   npx tsx bench/local-eventbridge.bench.ts [--events 1000] [--concurrency 8]
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
import { startServices } from '../local';
import { compileEventPattern, flattenEvent } from '../local/eventbridge/pattern';
import {
  measure,
  STATS_TABLE_HEADER,
  startFixedAnswerServer,
  statsOf,
  statsRow,
  writeResults,
} from './support/measure';

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

/** 100 patterns of the shapes rules use: exact, prefix, numeric, anything-but, exists, $or. */
const hundredPatterns = (): string[] =>
  Array.from({ length: 100 }, (_, i) => {
    switch (i % 6) {
      case 0:
        return JSON.stringify({ source: [`com.example.s${i}`], 'detail-type': ['order.placed'] });
      case 1:
        return JSON.stringify({ detail: { data: { orderId: [{ prefix: `o-${i}` }] } } });
      case 2:
        return JSON.stringify({
          detail: { data: { amount: [{ numeric: ['>=', i * 10, '<', i * 10 + 500] }] } },
        });
      case 3:
        return JSON.stringify({ detail: { data: { currency: [{ 'anything-but': ['USD', `X${i}`] }] } } });
      case 4:
        return JSON.stringify({ detail: { data: { customer: [{ exists: i % 2 === 0 }] } } });
      default:
        return JSON.stringify({
          $or: [{ source: [`com.example.s${i}`] }, { detail: { data: { orderId: [`o-${i}`] } } }],
        });
    }
  });

const matcherThroughput = (events: number) => {
  const rules = hundredPatterns().map(compileEventPattern);
  const sample = Array.from({ length: 100 }, (_, i) => ({
    version: '0',
    id: `id-${i}`,
    'detail-type': 'order.placed',
    source: `com.example.s${i}`,
    account: '000000000000',
    time: '2026-11-29T12:00:00Z',
    region,
    resources: [],
    detail: { data: { orderId: `o-${i}`, amount: i * 37, currency: i % 3 ? 'EUR' : 'USD' } },
  }));
  let matched = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < events; i += 1) {
    const flat = flattenEvent(sample[i % sample.length]);
    for (const rule of rules) if (rule.matchesFlat(flat)) matched += 1;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    rules: rules.length,
    events,
    matched,
    seconds: Number(seconds.toFixed(3)),
    eventsPerSecond: Math.round(events / seconds),
  };
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { events: { type: 'string', default: '1000' }, concurrency: { type: 'string', default: '8' } },
  });
  const count = Number(values.events);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(count) || count < 10 || !Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(
      `--events must be >= 10 and --concurrency >= 1 (given ${values.events}, ${values.concurrency})`,
    );
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  const services = await startServices({ port: 0, dataDir });
  const baseline = await startFixedAnswerServer(
    { 'AWSEvents.PutEvents': JSON.stringify({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] }) },
    'application/x-amz-json-1.1',
  );
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
    const matcher = matcherThroughput(200_000);

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
      `Pattern matcher alone: ${matcher.eventsPerSecond} events/s against ${matcher.rules} rules (${matcher.events} events, ${matcher.matched} matches).`,
      '',
    ].join('\n');
    writeResults('local-eventbridge', results, markdown);
  } finally {
    events.destroy();
    baselineEvents.destroy();
    sqs.destroy();
    await baseline.close();
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Receives and deletes `count` messages; `latencyOf` turns each body into a latency to keep. */
async function drain(
  sqs: SQSClient,
  queueUrl: string,
  count: number,
  latencyOf: (body: string, receivedAt: bigint) => number | undefined = () => undefined,
): Promise<number[]> {
  const latencies: number[] = [];
  let received = 0;
  const deadline = Date.now() + 120_000;
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
  return latencies;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
