import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { startAwsEndpoint } from '../../../../local/endpoint/aws-endpoint';
import { EventBridgeService, type LambdaInvoker } from '../../../../local/eventbridge';
import { sqsModelTargetPort } from '../../../../local/eventbridge/sqs-model-target-port';
import { SqsService } from '../../../../local/sqs';

/** A running endpoint with SQS and EventBridge, and SDK clients pointed at it. */
export interface EventBridgeHarness {
  readonly url: string;
  readonly dataDir: string;
  readonly eventBridge: EventBridgeClient;
  readonly sqs: SQSClient;
  readonly service: EventBridgeService;
  /** Creates a queue and returns its URL and ARN. */
  createQueue(name: string): Promise<{ url: string; arn: string }>;
  /** Receives until `count` messages arrived or the deadline passed. */
  receive(queueUrl: string, count: number, deadlineMs?: number): Promise<Message[]>;
  /** Waits until every delivery settled, then returns all messages in the queue. */
  drain(queueUrl: string): Promise<Message[]>;
  /** Stops the endpoint and services; the data folder stays unless `removeData`. */
  stop(removeData?: boolean): Promise<void>;
}

/** Options of a harness run. */
export interface HarnessOptions {
  /** Reuse a data folder (restart tests). @default - a new temporary folder */
  readonly dataDir?: string;
  readonly lambda?: LambdaInvoker;
}

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/**
 * Starts the real endpoint with SQS and EventBridge on an ephemeral port. Retries are fast
 * (10 ms base) so retry and dead-letter tests finish in well under a second.
 */
export async function startEventBridgeHarness(options: HarnessOptions = {}): Promise<EventBridgeHarness> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'eventbridge-e2e-'));
  const endpoint = await startAwsEndpoint({ port: 0 });
  const sqsService = await SqsService.start({ dataDir, endpointUrl: endpoint.url });
  endpoint.addService(sqsService);
  const service = await EventBridgeService.start({
    dataDir,
    sqs: sqsModelTargetPort(sqsService.model),
    ...(options.lambda && { lambda: options.lambda }),
    retryBaseDelayMs: 10,
    retryMaxDelayMs: 50,
  });
  endpoint.addService(service);
  const clientConfig = { endpoint: endpoint.url, region: 'us-east-1', credentials, maxAttempts: 1 };
  const eventBridge = new EventBridgeClient(clientConfig);
  const sqs = new SQSClient(clientConfig);

  return {
    url: endpoint.url,
    dataDir,
    eventBridge,
    sqs,
    service,
    async createQueue(name) {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
      const url = QueueUrl as string;
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
      );
      return { url, arn: Attributes?.QueueArn as string };
    },
    async receive(queueUrl, count, deadlineMs = 5000) {
      const messages: Message[] = [];
      const deadline = Date.now() + deadlineMs;
      while (messages.length < count && Date.now() < deadline) {
        const { Messages } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
            MessageAttributeNames: ['All'],
          }),
        );
        messages.push(...(Messages ?? []));
      }
      return messages;
    },
    async drain(queueUrl) {
      await service.settled();
      const messages: Message[] = [];
      for (;;) {
        const { Messages } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 10,
            MessageAttributeNames: ['All'],
          }),
        );
        if (!Messages || Messages.length === 0) return messages;
        messages.push(...Messages);
      }
    },
    async stop(removeData = true) {
      eventBridge.destroy();
      sqs.destroy();
      await endpoint.close();
      if (removeData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Stops the harness's endpoint and starts a new one on the same data folder, as a restart would. */
export async function restartEventBridgeHarness(harness: EventBridgeHarness): Promise<EventBridgeHarness> {
  const { dataDir } = harness;
  await harness.stop(false);
  return startEventBridgeHarness({ dataDir });
}

/**
 * A harness for the calling test file: started before its tests and stopped after them, which
 * `restart()` stops and starts again on the same data folder (to see what survives a restart).
 */
export function harnessForFile(): { readonly harness: EventBridgeHarness; restart(): Promise<void> } {
  let harness: EventBridgeHarness | undefined;
  beforeAll(async () => {
    harness = await startEventBridgeHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });
  return {
    get harness(): EventBridgeHarness {
      if (harness === undefined) throw new Error('the EventBridge harness is used before beforeAll ran');
      return harness;
    },
    restart: async () => {
      if (harness !== undefined) harness = await restartEventBridgeHarness(harness);
    },
  };
}
