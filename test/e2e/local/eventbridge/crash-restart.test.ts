import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import {
  CreateArchiveCommand,
  DescribeArchiveCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, type Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startEventBridgeHarness } from './eventbridge-harness';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const LATER_QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:created-later';

interface RunningProcess {
  readonly child: ChildProcess;
  readonly url: string;
}

/** Starts the endpoint in its own process and waits for the line with its URL. */
async function startProcess(dataDir: string): Promise<RunningProcess> {
  // One node process with the tsx loader (not the tsx wrapper, which would leave its child
  // running when killed), so SIGKILL really ends the endpoint.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'fixtures', 'eventbridge-process.ts'), dataDir],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`endpoint process exited with ${code}`)));
  });
  return { child, url };
}

async function kill9(running: RunningProcess): Promise<void> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return;
  const exited = new Promise((resolve) => running.child.once('exit', resolve));
  running.child.kill('SIGKILL');
  await exited;
}

function clients(url: string): { eventBridge: EventBridgeClient; sqs: SQSClient } {
  const config = { endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 };
  return { eventBridge: new EventBridgeClient(config), sqs: new SQSClient(config) };
}

async function receiveWithin(
  sqs: SQSClient,
  queueUrl: string,
  count: number,
  deadlineMs: number,
): Promise<Message[]> {
  const messages: Message[] = [];
  const deadline = Date.now() + deadlineMs;
  while (messages.length < count && Date.now() < deadline) {
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    messages.push(...(Messages ?? []));
  }
  return messages;
}

describe('EventBridge durability', () => {
  it('should keep rules, targets, archived events and pending deliveries across kill -9', async () => {
    // Arrange: the target queue does not exist yet, so the delivery stays pending in the outbox.
    const dataDir = mkdtempSync(path.join(tmpdir(), 'eventbridge-crash-'));
    const first = await startProcess(dataDir);
    const before = clients(first.url);
    await before.eventBridge.send(
      new PutRuleCommand({ Name: 'durable', EventPattern: '{"source":["crash"]}' }),
    );
    await before.eventBridge.send(
      new PutTargetsCommand({ Rule: 'durable', Targets: [{ Id: 'later', Arn: LATER_QUEUE_ARN }] }),
    );
    await before.eventBridge.send(
      new CreateArchiveCommand({
        ArchiveName: 'durable-archive',
        EventSourceArn: 'arn:aws:events:us-east-1:000000000000:event-bus/default',
      }),
    );
    const put = await before.eventBridge.send(
      new PutEventsCommand({
        Entries: [1, 2, 3].map((n) => ({ Source: 'crash', DetailType: 't', Detail: JSON.stringify({ n }) })),
      }),
    );

    // Act
    await kill9(first);
    before.eventBridge.destroy();
    before.sqs.destroy();
    const second = await startProcess(dataDir);
    const after = clients(second.url);
    try {
      const { QueueUrl } = await after.sqs.send(new CreateQueueCommand({ QueueName: 'created-later' }));
      const messages = await receiveWithin(after.sqs, QueueUrl as string, 3, 6000);
      const rule = await after.eventBridge.send(new DescribeRuleCommand({ Name: 'durable' }));
      const targets = await after.eventBridge.send(new ListTargetsByRuleCommand({ Rule: 'durable' }));
      const archive = await after.eventBridge.send(
        new DescribeArchiveCommand({ ArchiveName: 'durable-archive' }),
      );

      // Assert
      expect(put.FailedEntryCount).toBe(0);
      expect(messages.map((message) => JSON.parse(message.Body ?? '{}').id).sort()).toEqual(
        put.Entries?.map((entry) => entry.EventId).sort(),
      );
      expect(rule.EventPattern).toBe('{"source":["crash"]}');
      expect(targets.Targets?.map((target) => target.Arn)).toEqual([LATER_QUEUE_ARN]);
      expect(archive.EventCount).toBe(3);
    } finally {
      await kill9(second);
      after.eventBridge.destroy();
      after.sqs.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('should resume pending deliveries after an orderly restart', async () => {
    // Arrange
    const first = await startEventBridgeHarness();
    await first.eventBridge.send(
      new PutRuleCommand({ Name: 'restart', EventPattern: '{"source":["restart"]}' }),
    );
    await first.eventBridge.send(
      new PutTargetsCommand({ Rule: 'restart', Targets: [{ Id: 'later', Arn: LATER_QUEUE_ARN }] }),
    );
    await first.eventBridge.send(
      new PutEventsCommand({ Entries: [{ Source: 'restart', DetailType: 't', Detail: '{"n":1}' }] }),
    );

    // Act
    await first.stop(false);
    const second = await startEventBridgeHarness({ dataDir: first.dataDir });
    try {
      const queue = await second.createQueue('created-later');
      const messages = await second.receive(queue.url, 1, 6000);

      // Assert
      expect(JSON.parse(messages[0]?.Body ?? '{}').detail).toEqual({ n: 1 });
    } finally {
      await second.stop();
    }
  }, 20_000);
});
