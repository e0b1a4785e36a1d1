import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueUrlCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { clientConfig, type LocalCloud, startLocalCloud } from './local-cloud-fixture';

const REPO_ROOT = resolve(__dirname, '../../../..');
const ACKS_BEFORE_KILL = 200;
const IN_FLIGHT_SECONDS = 4;

interface ChildReport {
  readonly acked: string[];
  readonly inFlight: string[];
  readonly deleted: string[];
  readonly items: string[];
  /** When the child started the receive that left messages in flight (epoch ms, same machine clock). */
  receivingAt: number;
}

/** Runs the child until it has acknowledged enough sends, then kills it with SIGKILL mid-stream. */
function runAndKill(dataDir: string): Promise<ChildReport> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'crash-child.ts'), dataDir, String(IN_FLIGHT_SECONDS)],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const report: ChildReport = { acked: [], inFlight: [], deleted: [], items: [], receivingAt: 0 };
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child did not reach ${ACKS_BEFORE_KILL} acks in time: ${stderr}`));
    }, 30_000);
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const [kind, id = ''] = line.split(' ');
      if (kind === 'ACK') report.acked.push(id);
      if (kind === 'RECEIVING') report.receivingAt = Number(id);
      if (kind === 'INFLIGHT') report.inFlight.push(id);
      if (kind === 'DELETED') report.deleted.push(id);
      if (kind === 'ITEM') report.items.push(id);
      if (report.acked.length === ACKS_BEFORE_KILL) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      lines.close();
      if (signal === 'SIGKILL') resolvePromise(report);
      else reject(new Error(`child exited on its own (${signal ?? _code}): ${stderr}`));
    });
  });
}

describe('SQS durability across kill -9', () => {
  let dataDir: string;
  let cloud: LocalCloud | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchyard-crash-'));
  });

  afterAll(async () => {
    await cloud?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should keep every acknowledged message and item, and return in-flight messages after their visibility timeout', async () => {
    // Arrange
    const report = await runAndKill(dataDir);
    cloud = await startLocalCloud(dataDir);
    const { QueueUrl } = await cloud.sqs.send(new GetQueueUrlCommand({ QueueName: 'crash' }));

    // Act
    const received = new Map<string, number>();
    const deadline = Date.now() + 15_000;
    const expected = new Set(report.acked.filter((id) => !report.deleted.includes(id)));
    while ([...expected].some((id) => !received.has(id)) && Date.now() < deadline) {
      const { Messages = [] } = await cloud.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          VisibilityTimeout: 60,
        }),
      );
      for (const message of Messages) received.set(message.MessageId as string, Date.now());
    }

    const dynamo = new DynamoDBClient(clientConfig(cloud.url));
    const { Items = [] } = await dynamo.send(new ScanCommand({ TableName: 'crash' }));
    dynamo.destroy();

    // Assert
    expect(report.items.length).toBeGreaterThan(0);
    expect(report.items.filter((key) => !Items.some((item) => item.pk?.S === key))).toEqual([]);
    expect(report.acked.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
    expect(report.inFlight).toHaveLength(3);
    expect(report.deleted).toHaveLength(1);
    expect([...expected].filter((id) => !received.has(id))).toEqual([]);
    expect(received.has(report.deleted[0] as string)).toBe(false);
    // In-flight messages stayed invisible across the crash until their visibility timeout ran out.
    const stillInFlight = report.inFlight.filter((id) => !report.deleted.includes(id));
    for (const id of stillInFlight) {
      expect(received.get(id)).toBeGreaterThanOrEqual(report.receivingAt + IN_FLIGHT_SECONDS * 1000);
    }
    // At most the one send that was written but not yet acknowledged when the kill landed.
    expect(received.size - expected.size).toBeLessThanOrEqual(1);
  }, 60_000);
});
