import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type RunningServices, startServices } from '../../../../local';

export interface LocalCloud {
  readonly services: RunningServices;
  readonly sqs: SQSClient;
  readonly url: string;
  readonly dataDir: string;
  /** Creates a queue with a unique name and returns its URL. */
  createQueue(prefix: string, attributes?: Record<string, string>): Promise<string>;
  stop(): Promise<void>;
}

/** SDK client settings for the local endpoint: fixed credentials, no retries to keep failures quick. */
export function clientConfig(url: string) {
  return {
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  };
}

let counter = 0;
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

/** Starts the local services on an ephemeral port with a fresh data folder. */
export async function startLocalCloud(
  dataDir = mkdtempSync(join(tmpdir(), 'switchyard-sqs-')),
): Promise<LocalCloud> {
  const services = await startServices({ port: 0, dataDir });
  const sqs = new SQSClient(clientConfig(services.url));
  return {
    services,
    sqs,
    url: services.url,
    dataDir,
    createQueue: async (prefix, attributes) => {
      const fifo = attributes?.FifoQueue === 'true';
      const name = `${uniqueName(prefix)}${fifo ? '.fifo' : ''}`;
      const { QueueUrl } = await sqs.send(
        new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
      );
      return QueueUrl as string;
    },
    stop: async () => {
      sqs.destroy();
      await services.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  { timeoutMs = 5_000, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The queue name at the end of a queue URL. */
export function nameOf(queueUrl: string): string {
  return queueUrl.split('/').at(-1) as string;
}
