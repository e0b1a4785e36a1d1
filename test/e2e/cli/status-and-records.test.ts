import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { StatusReport } from '../../../cli/operations';
import {
  clientConfig,
  E2E_TIMEOUT_MS,
  startTestCloud,
  type TestCloud,
} from '../local/runner/support/local-cloud-fixture';
import { pollUntil } from '../local/runner/support/poll-until';
import { signedRequest } from '../local/runner/support/signed-api';
import { runCli } from './support/cli-runner';

jest.setTimeout(E2E_TIMEOUT_MS);

interface TaskJson {
  readonly taskId: string;
  readonly status: string;
  readonly attempts: number;
  readonly correlationId: string;
  readonly history: ReadonlyArray<{ readonly event: string }>;
}

interface FlowJson {
  readonly correlationId: string;
  readonly timeline: ReadonlyArray<{ readonly kind: string; readonly at: string; readonly event?: string }>;
}

describe('switchyard status, tasks get and flows show on the local cloud', () => {
  let workDir: string;
  let test: TestCloud;
  /** Runs the CLI from the folder holding the cloud's `.switchyard`, so it finds it by default. */
  const cli = (...argv: string[]) => runCli(argv, workDir);

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'switchyard-cli-'));
    test = await startTestCloud({ dataDir: join(workDir, '.switchyard') });
  });

  afterAll(async () => {
    await test?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('should find the running local cloud without options and show every channel', async () => {
    // Act
    const result = await cli('status');

    // Assert
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^CHANNEL\s+QUEUED\s+IN FLIGHT\s+DELAYED\s+OLDEST\s+DLQ$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/)[0])).toEqual([
      'tasks',
      'flow-recorder',
      'high-value-orders',
      'task-failures',
    ]);
    expect(lines[1]).toMatch(/^tasks\s+\d+\s+\d+\s+\d+\s+\d+s\s+\d+$/);
    expect(result.stderr).not.toContain('OLDEST is "-"');
  });

  it('should answer status --json in its documented shape', async () => {
    // Act
    const result = await cli('status', '--json');

    // Assert
    expect(result.code).toBe(0);
    const report = result.json<StatusReport>();
    expect(report.target).toEqual({ mode: 'local', stackName: 'Switchyard', region: 'us-east-1' });
    expect(report.oldestMessageAge).toEqual({ available: true });
    expect(report.channels).toHaveLength(4);
    for (const channel of report.channels) {
      expect(channel).toEqual({
        name: expect.any(String),
        kind: channel.name === 'tasks' ? 'tasks' : 'subscription',
        queueUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//),
        deadLetterQueueUrl: expect.stringMatching(/DeadLetterQueue/),
        queued: expect.any(Number),
        inFlight: expect.any(Number),
        delayed: expect.any(Number),
        oldestMessageAgeSeconds: expect.any(Number),
        deadLetters: 0,
      });
    }
  });

  it("should show how long the oldest message has waited, from the local cloud's CloudWatch", async () => {
    // Arrange: a message the worker will not see for 15 minutes
    const sqs = new SQSClient(clientConfig(test.cloud));
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: test.cloud.outputs.TaskQueueUrl,
        MessageBody: '{}',
        DelaySeconds: 900,
      }),
    );
    sqs.destroy();

    // Act
    const report = await pollUntil('the delayed message to age a second', async () => {
      const result = await cli('status', '--json');
      const status = result.json<StatusReport>();
      const tasks = status.channels.find((channel) => channel.name === 'tasks');
      return (tasks?.oldestMessageAgeSeconds ?? 0) >= 1 ? status : undefined;
    });
    const table = await cli('status');

    // Assert
    expect(report.channels.find((channel) => channel.name === 'tasks')).toMatchObject({ delayed: 1 });
    expect(table.stdout).toMatch(/^tasks\s+\d+\s+\d+\s+1\s+[1-9]\d*s\s+\d+$/m);
  });

  it('should show a task record and its flow, as tables and as JSON', async () => {
    // Arrange
    const correlationId = 'cli-records-1';
    const submitted = await signedRequest(
      test.cloud,
      'POST',
      '/tasks',
      { type: 'hello', payload: { name: 'Ada' } },
      { 'x-correlation-id': correlationId },
    );
    const { taskId } = submitted.body as { taskId: string };
    await pollUntil('the task to succeed', async () => {
      const result = await cli('tasks', 'get', taskId, '--json');
      return result.code === 0 && result.json<TaskJson>().status === 'SUCCEEDED' ? true : undefined;
    });
    // The task.succeeded event reaches the flow table through the bus and flow-recorder.
    const flow = await pollUntil('the outcome event in the flow', async () => {
      const result = await cli('flows', 'show', correlationId, '--json');
      const parsed = result.code === 0 ? result.json<FlowJson>() : undefined;
      return parsed?.timeline.some((entry) => entry.kind === 'EVENT_PUBLISHED') ? parsed : undefined;
    });

    // Act
    const taskJson = await cli('tasks', 'get', taskId, '--json');
    const taskTable = await cli('tasks', 'get', taskId);
    const flowTable = await cli('flows', 'show', correlationId);

    // Assert
    expect(taskJson.json<TaskJson>()).toMatchObject({
      taskId,
      status: 'SUCCEEDED',
      attempts: 1,
      correlationId,
      result: { greeting: 'Hello, Ada!' },
      // A string set in the table; JSON has no sets, so it prints as an array.
      runMessageIds: [expect.any(String)],
      history: [{ event: 'ACCEPTED' }, { event: 'STARTED' }, { event: 'SUCCEEDED' }],
    });
    expect(taskTable.stdout).toMatch(/^task:\s+\S+/m);
    expect(taskTable.stdout).toMatch(/^status:\s+SUCCEEDED$/m);
    expect(taskTable.stdout).toMatch(/^AT\s+EVENT\s+ATTEMPT\s+MESSAGE$/m);
    expect(flow.correlationId).toBe(correlationId);
    expect(flow.timeline.map((entry) => entry.event ?? entry.kind)).toEqual([
      'ACCEPTED',
      'STARTED',
      'SUCCEEDED',
      'EVENT_PUBLISHED',
    ]);
    const times = flow.timeline.map((entry) => entry.at);
    expect([...times].sort()).toEqual(times);
    expect(flowTable.stdout).toMatch(/EVENT_PUBLISHED\s+task\.succeeded published by switchyard\.tasks/);
  });

  it('should exit 1 with what to check for an unknown task or flow', async () => {
    // Act
    const task = await cli('tasks', 'get', 'no-such-task');
    const flow = await cli('flows', 'show', 'no-such-flow');

    // Assert
    expect(task.code).toBe(1);
    expect(task.stderr).toMatch(/no task no-such-task in \S+[\s\S]*next: check the id/);
    expect(flow.code).toBe(1);
    expect(flow.stderr).toMatch(/no flow has correlation id no-such-flow[\s\S]*next: check the id/);
  });

  it('should exit 2 for a correlation id the API would reject', async () => {
    // Act
    const result = await cli('flows', 'show', 'bad id with spaces');

    // Assert
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/invalid correlation id[\s\S]*next: a correlation id is 1 to 128/);
  });
});
