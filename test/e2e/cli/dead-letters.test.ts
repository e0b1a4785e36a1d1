import { randomUUID } from 'node:crypto';
import {
  CancelMessageMoveTaskCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { PeekReport, RedriveReport, StatusReport } from '../../../cli/operations';
import {
  clientConfig,
  E2E_TIMEOUT_MS,
  startTestCloud,
  type TestCloud,
} from '../local/runner/support/local-cloud-fixture';
import { pollUntil } from '../local/runner/support/poll-until';
import { signedRequest } from '../local/runner/support/signed-api';
import { startWebhookReceiver, type WebhookReceiver } from '../local/runner/support/webhook-receiver';
import { runCli } from './support/cli-runner';

jest.setTimeout(E2E_TIMEOUT_MS);

/** Retries wait for the visibility timeout; 1 s instead of the template's minutes keeps this file fast. */
const VISIBILITY_TIMEOUT_SECONDS = 1;

/** An order.placed event as EventBridge delivers it to a subscription's queue. */
const orderPlacedEvent = (correlationId: string, amount: number) => {
  const eventId = randomUUID();
  const now = new Date().toISOString();
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'order.placed',
    source: 'com.example.shop',
    account: '000000000000',
    time: now,
    region: 'us-east-1',
    resources: [],
    detail: {
      metadata: { correlationId, eventId, publishedAt: now },
      data: {
        orderId: `order-${eventId.slice(0, 8)}`,
        amount,
        currency: 'EUR',
        customer: { customerId: 'c-19' },
      },
    },
  };
};

describe('switchyard dlq peek and dlq redrive on the local cloud', () => {
  let test: TestCloud;
  let receiver: WebhookReceiver;
  /** The webhook receiver fails until a test "fixes the cause". */
  let receiverFixed = false;
  let sqs: SQSClient;
  const cli = (...argv: string[]) => runCli([...argv, '--data-dir', test.dataDir]);
  const channelStatus = async (name: string) => {
    const report = (await cli('status', '--json')).json<StatusReport>();
    const channel = report.channels.find((candidate) => candidate.name === name);
    if (channel === undefined) throw new Error(`no channel ${name} in status`);
    return channel;
  };

  beforeAll(async () => {
    test = await startTestCloud({ localOverrides: { visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_SECONDS } });
    receiver = await startWebhookReceiver(() => (receiverFixed ? 200 : 500));
    sqs = new SQSClient(clientConfig(test.cloud));
  });

  afterAll(async () => {
    sqs?.destroy();
    await receiver?.stop();
    await test?.stop();
  });

  describe('the task channel', () => {
    let taskId: string;

    beforeAll(async () => {
      // A webhook whose receiver always fails: five attempts, then FAILED and dead-lettered.
      const submitted = await signedRequest(test.cloud, 'POST', '/tasks', {
        type: 'webhook',
        payload: { url: `${receiver.url}/hooks/down`, body: { n: 1 } },
      });
      ({ taskId } = submitted.body as { taskId: string });
      await pollUntil('the message in the task DLQ', async () =>
        (await channelStatus('tasks')).deadLetters === 1 ? true : undefined,
      );
    });

    it('should show the dead-lettered task with its first and last error from the task record', async () => {
      // Act
      const result = await cli('dlq', 'peek', 'tasks', '--json');

      // Assert
      expect(result.code).toBe(0);
      const report = result.json<PeekReport>();
      expect(report).toMatchObject({ channel: 'tasks', approximateDepth: 1 });
      expect(report.messages).toHaveLength(1);
      expect(report.messages[0]).toMatchObject({
        body: { taskId, type: 'webhook' },
        messageAttributes: { taskId, taskType: 'webhook' },
        errorSource: 'task-record',
        firstError: expect.stringContaining('500'),
        lastError: expect.stringMatching(/^RETRIES_EXHAUSTED: .*500/),
        // A receive that finds the previous attempt's lease still held is not an attempt, so
        // attempts can be below the queue's five receives; they always match the calls made.
        task: { taskId, status: 'FAILED', attempts: receiver.callsFor(taskId).length },
        sentAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      });
      expect(report.messages[0]?.receiveCount).toBeGreaterThanOrEqual(0);
    });

    it('should leave peeked messages in place and visible', async () => {
      // Act
      const first = (await cli('dlq', 'peek', 'tasks', '--json')).json<PeekReport>();
      const text = await cli('dlq', 'peek', 'tasks');
      const after = await channelStatus('tasks');

      // Assert
      expect(after).toMatchObject({ deadLetters: 1, inFlight: expect.any(Number) });
      expect(text.code).toBe(0);
      expect(text.stdout).toContain(first.messages[0]?.messageId);
      expect(text.stdout).toMatch(/^first error:\s+.*500/m);
      expect(text.stdout).toMatch(/^task:\s+FAILED after \d attempt\(s\)$/m);
      expect(text.stderr).toContain('switchyard dlq redrive tasks');
    });

    it('should redrive the message once the cause is fixed, and the task then succeeds', async () => {
      // Arrange
      const callsBefore = receiver.callsFor(taskId).length;
      receiverFixed = true;

      // Act
      const result = await cli('dlq', 'redrive', 'tasks', '--rate', '10', '--json');

      // Assert
      expect(result.code).toBe(0);
      expect(result.json<RedriveReport>()).toMatchObject({
        channel: 'tasks',
        status: 'COMPLETED',
        moved: 1,
        toMove: 1,
      });
      expect(result.stderr).toMatch(/COMPLETED: moved 1 of 1/);
      const task = await pollUntil('the redriven task to succeed', async () => {
        const record = await cli('tasks', 'get', taskId, '--json');
        const json = record.json<{ status: string; attempts: number; history: Array<{ event: string }> }>();
        return json.status === 'SUCCEEDED' ? json : undefined;
      });
      expect(task.attempts).toBe(callsBefore + 1);
      expect(task.history.map((entry) => entry.event).slice(-3)).toEqual([
        'REDRIVEN',
        'STARTED',
        'SUCCEEDED',
      ]);
      expect(receiver.callsFor(taskId).at(-1)?.status).toBe(200);
      const drained = await pollUntil('the task queue to drain', async () => {
        const channel = await channelStatus('tasks');
        return channel.queued + channel.inFlight === 0 ? channel : undefined;
      });
      expect(drained.deadLetters).toBe(0);
    });

    it('should have nothing to redrive once the DLQ is empty', async () => {
      // Act
      const result = await cli('dlq', 'redrive', 'tasks', '--json');

      // Assert
      expect(result.code).toBe(0);
      expect(result.json<RedriveReport>()).toMatchObject({ status: 'EMPTY', moved: 0 });
    });
  });

  describe('a subscription', () => {
    const correlationId = 'cli-dead-letters-hvo';
    let event: ReturnType<typeof orderPlacedEvent>;

    beforeAll(async () => {
      // What EventBridge does when it cannot deliver to the buffer queue: the event goes to the
      // target's DLQ with the error of its last attempt.
      event = orderPlacedEvent(correlationId, 5000);
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: test.cloud.outputs.HighValueOrdersDeadLetterQueueUrl,
          MessageBody: JSON.stringify(event),
          MessageAttributes: {
            ERROR_CODE: { DataType: 'String', StringValue: 'SQS_QUEUE_UNREACHABLE' },
            ERROR_MESSAGE: { DataType: 'String', StringValue: 'Queue was unreachable after 185 attempts' },
            RULE_ARN: { DataType: 'String', StringValue: 'arn:aws:events:us-east-1:000000000000:rule/x' },
          },
        }),
      );
    });

    it("should show the event with EventBridge's error", async () => {
      // Act
      const result = await cli('dlq', 'peek', 'high-value-orders', '--json', '--max', '5');

      // Assert
      expect(result.code).toBe(0);
      const report = result.json<PeekReport>();
      expect(report.messages).toHaveLength(1);
      expect(report.messages[0]).toMatchObject({
        body: { id: event.id, 'detail-type': 'order.placed' },
        errorSource: 'eventbridge',
        firstError: 'SQS_QUEUE_UNREACHABLE: Queue was unreachable after 185 attempts',
        lastError: 'SQS_QUEUE_UNREACHABLE: Queue was unreachable after 185 attempts',
      });
      expect(report.messages[0]).not.toHaveProperty('task');
    });

    it('should redrive the event to the subscription, whose consumer then processes it', async () => {
      // Act
      const result = await cli('dlq', 'redrive', 'high-value-orders');

      // Assert
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('COMPLETED: moved 1 of 1 message(s) to high-value-orders\n');
      const consumed = await pollUntil('the consumer to process the redriven event', async () => {
        const flow = await cli('flows', 'show', correlationId, '--json');
        if (flow.code !== 0) return undefined;
        const timeline = flow.json<{
          timeline: Array<{ kind: string; subscription?: string; outcome?: string }>;
        }>().timeline;
        return timeline.find((entry) => entry.kind === 'EVENT_CONSUMED');
      });
      expect(consumed).toMatchObject({ subscription: 'high-value-orders', outcome: 'PROCESSED' });
      expect((await channelStatus('high-value-orders')).deadLetters).toBe(0);
    });

    it('should report a rate-limited redrive on stderr while it runs, keeping stdout one JSON document', async () => {
      // Arrange
      const flowId = 'cli-dead-letters-rate';
      const events = [1, 2, 3].map(() => orderPlacedEvent(flowId, 10));
      for (const deadLettered of events) {
        await sqs.send(
          new SendMessageCommand({
            QueueUrl: test.cloud.outputs.FlowRecorderDeadLetterQueueUrl,
            MessageBody: JSON.stringify(deadLettered),
          }),
        );
      }

      // Act
      const result = await cli('dlq', 'redrive', 'flow-recorder', '--rate', '1', '--json');

      // Assert
      expect(result.code).toBe(0);
      expect(result.json<RedriveReport>()).toMatchObject({
        channel: 'flow-recorder',
        status: 'COMPLETED',
        moved: 3,
      });
      expect(result.stderr).toMatch(/^redriving 3 message\(s\) from the DLQ of flow-recorder at 1\/s$/m);
      expect(result.stderr).toMatch(/^RUNNING: moved [0-2] of 3$/m);
      expect(result.stderr).toMatch(/^COMPLETED: moved 3 of 3$/m);
      // The flow recorder, a consumer like any other, records each redriven event once.
      await pollUntil('the redriven events in the flow', async () => {
        const flow = await cli('flows', 'show', flowId, '--json');
        const timeline = flow.code === 0 ? flow.json<{ timeline: Array<{ kind: string }> }>().timeline : [];
        return timeline.filter((entry) => entry.kind === 'EVENT_PUBLISHED').length === 3 ? true : undefined;
      });
    });

    it('should exit 1 when the move task is cancelled, saying the rest is still in the DLQ', async () => {
      // Arrange
      const dlqUrl = test.cloud.outputs.FlowRecorderDeadLetterQueueUrl;
      for (const deadLettered of [1, 2, 3, 4, 5].map(() => orderPlacedEvent('cli-dead-letters-cancel', 10))) {
        await sqs.send(
          new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: JSON.stringify(deadLettered) }),
        );
      }
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }),
      );
      const dlqArn = Attributes?.QueueArn ?? '';

      // Act: an operator cancels the move task while the CLI follows it
      const running = cli('dlq', 'redrive', 'flow-recorder', '--rate', '1', '--json');
      const handle = await pollUntil('the move task to run', async () => {
        const { Results = [] } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }));
        return Results.find((task) => task.Status === 'RUNNING')?.TaskHandle;
      });
      await sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: handle }));
      const result = await running;

      // Assert
      expect(result.code).toBe(1);
      const report = result.json<RedriveReport>();
      expect(report).toMatchObject({ channel: 'flow-recorder', status: 'CANCELLED', toMove: 5 });
      expect(report.moved).toBeLessThan(5);
      expect(result.stderr).toMatch(
        /the redrive ended CANCELLED; the messages not moved are still in the DLQ: check them with `switchyard dlq peek flow-recorder` and retry/,
      );
      expect((await channelStatus('flow-recorder')).deadLetters).toBe(5 - report.moved);
    });
  });
});
