import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { LambdaRuntime, type SqsEventSourceMapping, SqsEventSourcePoller } from '../../../../local/lambda';
import { type RunningServices, startServices } from '../../../../local/services';
import { fixtureFunction } from './support/fixture-function';
import { pollUntil } from './support/poll-until';

jest.setTimeout(60_000);

/** Short, so a failed message comes back within the test; the poller itself never changes it. */
const VISIBILITY_TIMEOUT_SECONDS = 1;

describe('an SQS event source mapping on the local cloud', () => {
  let dataDir: string;
  let services: RunningServices;
  let runtime: LambdaRuntime;
  let observer: Server;
  let events: SQSEvent[];
  let poller: SqsEventSourcePoller | undefined;
  let counter = 0;

  beforeAll(async () => {
    observer = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        events.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as SQSEvent);
        response.end();
      });
    });
    await new Promise<void>((resolve) => observer.listen(0, '127.0.0.1', resolve));
  });

  beforeEach(async () => {
    events = [];
    dataDir = mkdtempSync(join(tmpdir(), 'switchyard-esm-'));
    services = await startServices({ port: 0, dataDir });
    runtime = new LambdaRuntime({
      endpointUrl: services.url,
      region: services.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      // Room for every batch the mappings here allow: these tests are about the mapping's limits.
      maxEnvironments: 10,
      logSink: () => undefined,
    });
    const { port } = observer.address() as AddressInfo;
    runtime.register(
      fixtureFunction('sqs-consumer', { environment: { OBSERVER_URL: `http://127.0.0.1:${port}/` } }),
    );
  });

  afterEach(async () => {
    await poller?.stop();
    poller = undefined;
    await runtime.drain();
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  afterAll(async () => {
    await new Promise((resolve) => observer.close(resolve));
  });

  /** A queue with a DLQ after `maxReceiveCount` receives, and a poller on it. */
  const queueWithPoller = (
    mapping: Partial<SqsEventSourceMapping> = {},
    maxReceiveCount = 3,
    visibilityTimeoutSeconds = VISIBILITY_TIMEOUT_SECONDS,
  ) => {
    counter += 1;
    const dlq = services.sqs.createQueue(`dlq-${counter}`);
    const queue = services.sqs.createQueue(`source-${counter}`, {
      VisibilityTimeout: String(visibilityTimeoutSeconds),
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount }),
    });
    poller = new SqsEventSourcePoller(
      {
        id: 'Mapping',
        queueArn: queue.arn,
        functionReference: 'fixture-sqs-consumer',
        batchSize: 10,
        maximumBatchingWindowSeconds: 0,
        maximumConcurrency: 2,
        reportBatchItemFailures: true,
        ...mapping,
      },
      {
        sqs: services.sqs,
        region: services.region,
        invoke: (ref, event) => runtime.invoke(ref, event),
        log: () => undefined,
      },
    );
    return { queue, dlq, poller };
  };

  const count = (queueUrl: string): { visible: number; inFlight: number } => {
    const attributes = services.sqs.getQueueAttributes(queueUrl, [
      'ApproximateNumberOfMessages',
      'ApproximateNumberOfMessagesNotVisible',
    ]);
    return {
      visible: Number(attributes.ApproximateNumberOfMessages),
      inFlight: Number(attributes.ApproximateNumberOfMessagesNotVisible),
    };
  };
  const isEmpty = (queueUrl: string) => {
    const { visible, inFlight } = count(queueUrl);
    return visible === 0 && inFlight === 0;
  };
  const deliveriesOf = (body: string): SQSRecord[] =>
    events.flatMap((event) => event.Records).filter((record) => record.body === body);

  it('should hand messages to the function in the exact Lambda SQS record shape', async () => {
    // Arrange
    const { queue } = queueWithPoller();
    const sent = services.sqs.sendMessage(queue.url, 'hello', {
      messageAttributes: { taskId: { DataType: 'String', StringValue: 't-1' } },
    });

    // Act
    poller?.start();
    await pollUntil('the delivery', async () => (isEmpty(queue.url) && events.length > 0 ? true : undefined));

    // Assert
    const [record] = events[0]?.Records ?? [];
    expect(record).toEqual({
      messageId: sent.MessageId,
      receiptHandle: expect.any(String),
      body: 'hello',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: expect.stringMatching(/^\d+$/),
        SenderId: expect.any(String),
        ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d+$/),
      },
      messageAttributes: {
        taskId: { stringValue: 't-1', stringListValues: [], binaryListValues: [], dataType: 'String' },
      },
      md5OfBody: sent.MD5OfMessageBody,
      md5OfMessageAttributes: sent.MD5OfMessageAttributes,
      eventSource: 'aws:sqs',
      eventSourceARN: queue.arn,
      awsRegion: services.region,
    });
  });

  it('should delete the messages that succeeded and retry only the reported failures', async () => {
    // Arrange
    const { queue } = queueWithPoller();
    services.sqs.sendMessageBatch(queue.url, [
      { id: 'a', body: 'ok-1' },
      { id: 'b', body: 'fail-once' },
      { id: 'c', body: 'ok-2' },
    ]);

    // Act
    poller?.start();
    await pollUntil('the failed message to be retried', async () =>
      deliveriesOf('fail-once').length >= 2 ? true : undefined,
    );

    // Assert
    expect(deliveriesOf('ok-1')).toHaveLength(1);
    expect(deliveriesOf('ok-2')).toHaveLength(1);
    expect(deliveriesOf('fail-once').map((record) => record.attributes.ApproximateReceiveCount)).toEqual([
      '1',
      '2',
    ]);
  });

  it.each([
    ['a thrown error', 'throw'],
    ['a malformed response', 'malformed'],
    ['an itemIdentifier that is not in the batch', 'unknown-id'],
  ])('should treat %s as a failure of the whole batch', async (_case, trigger) => {
    // Arrange
    const { queue, dlq } = queueWithPoller({ batchSize: 10 }, 2);
    services.sqs.sendMessageBatch(queue.url, [
      { id: 'a', body: trigger },
      { id: 'b', body: 'neighbour' },
    ]);

    // Act
    poller?.start();
    await pollUntil('both messages in the DLQ', async () =>
      count(dlq.url).visible === 2 ? true : undefined,
    );

    // Assert
    expect(deliveriesOf('neighbour').length).toBeGreaterThanOrEqual(2);
    expect(isEmpty(queue.url)).toBe(true);
  });

  it('should treat an empty batchItemFailures list as full success', async () => {
    // Arrange
    const { queue } = queueWithPoller();
    services.sqs.sendMessageBatch(queue.url, [
      { id: 'a', body: 'empty' },
      { id: 'b', body: 'fail-but-ignored' },
    ]);

    // Act
    poller?.start();
    await pollUntil('the queue to empty', async () => (isEmpty(queue.url) ? true : undefined));

    // Assert
    expect(events).toHaveLength(1);
  });

  it('should dead-letter a message that keeps failing after maxReceiveCount receives', async () => {
    // Arrange
    const { queue, dlq } = queueWithPoller({}, 3);
    services.sqs.sendMessage(queue.url, 'fail-always');

    // Act
    poller?.start();
    await pollUntil('the message in the DLQ', async () => (count(dlq.url).visible === 1 ? true : undefined));

    // Assert
    expect(deliveriesOf('fail-always')).toHaveLength(3);
    expect(isEmpty(queue.url)).toBe(true);
  });

  it('should gather a batch during the batching window and respect the batch size', async () => {
    // Arrange
    // The visibility timeout outlasts the window, or the first messages would come back before their batch ran.
    const { queue } = queueWithPoller(
      { batchSize: 4, maximumBatchingWindowSeconds: 1, maximumConcurrency: 1 },
      3,
      10,
    );
    poller?.start();

    // Act
    for (let i = 0; i < 6; i += 1) services.sqs.sendMessage(queue.url, `ok-${i}`);
    await pollUntil('every message delivered', async () =>
      isEmpty(queue.url) && events.length > 0 ? true : undefined,
    );

    // Assert
    expect(events.map((event) => event.Records.length)).toEqual([4, 2]);
  });

  it('should keep polling a queue that fails, log each failure, and stop at once while backing off', async () => {
    // Arrange: a mapping whose queue does not exist, so every receive fails
    const lines: string[] = [];
    poller = new SqsEventSourcePoller(
      {
        id: 'Broken',
        queueArn: `arn:aws:sqs:${services.region}:000000000000:no-such-queue`,
        functionReference: 'fixture-sqs-consumer',
        batchSize: 10,
        maximumBatchingWindowSeconds: 0,
        maximumConcurrency: 1,
        reportBatchItemFailures: true,
      },
      {
        sqs: services.sqs,
        region: services.region,
        invoke: (ref, event) => runtime.invoke(ref, event),
        log: (line) => lines.push(line),
      },
    );
    poller.start();
    await pollUntil('a second failed attempt', () => (lines.length >= 2 ? true : undefined));

    // Act
    const stopping = Date.now();
    await poller.stop();
    const stopMs = Date.now() - stopping;
    poller = undefined;

    // Assert
    expect(lines[0]).toMatch(/^Broken: polling failed: /);
    // It stops during the 1 s backoff that began with that failure, not after it.
    expect(stopMs).toBeLessThan(900);
  });

  it('should run no more batches at once than MaximumConcurrency', async () => {
    // Arrange
    const { queue } = queueWithPoller({ batchSize: 1, maximumConcurrency: 2 });
    for (let i = 0; i < 8; i += 1) services.sqs.sendMessage(queue.url, 'sleep');

    // Act
    poller?.start();
    await pollUntil('the queue to empty', async () => (isEmpty(queue.url) ? true : undefined));

    // Assert
    expect(runtime.stats()['fixture-sqs-consumer']).toMatchObject({ invocations: 8, peakConcurrency: 2 });
  });
});
