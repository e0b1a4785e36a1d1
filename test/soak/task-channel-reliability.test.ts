import {
  E2E_TIMEOUT_MS,
  startTestCloud,
  type TestCloud,
} from '../e2e/local/runner/support/local-cloud-fixture';
import { pollUntil } from '../e2e/local/runner/support/poll-until';
import { signedRequest } from '../e2e/local/runner/support/signed-api';
import { drainQueue, queueDepth, scanTasks } from '../e2e/local/runner/support/task-table';
import { startWebhookReceiver, type WebhookReceiver } from '../e2e/local/runner/support/webhook-receiver';

jest.setTimeout(E2E_TIMEOUT_MS + 300_000);

const TASKS = 1000;
const FAILURE_RATE = 0.3;
const SUBMITTERS = 4;
/** Answers after which a client sends the same request again (same Idempotency-Key). */
const RETRYABLE_STATUSES = new Set([409, 429, 503, 504]);

/** A seeded generator, so a failing run can be replayed with the same failures. */
const mulberry32 = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

describe('the task channel under a flaky receiver', () => {
  let test: TestCloud;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    const random = mulberry32(20261129);
    // Every hundredth endpoint is down for good, so each run dead-letters some tasks however the
    // random failures fall; every other attempt fails at random.
    receiver = await startWebhookReceiver((_attempt, request) =>
      request.url?.endsWith('99') || random() < FAILURE_RATE ? 500 : 200,
    );
    // Retries wait for the visibility timeout: 10 s locally instead of 180 s, still far longer
    // than a batch takes, so a message is not delivered again while its batch runs.
    test = await startTestCloud({ localOverrides: { visibilityTimeoutSeconds: 10 } });
  });

  afterAll(async () => {
    await test?.stop();
    await receiver?.stop();
  });

  it(`should bring all ${TASKS} tasks to SUCCEEDED or FAILED, none lost, none applied twice`, async () => {
    // Arrange
    const pending = Array.from({ length: TASKS }, (_, index) => index);
    const accepted: string[] = [];
    const submitOne = async (index: number): Promise<void> => {
      for (;;) {
        const response = await signedRequest(
          test.cloud,
          'POST',
          '/tasks',
          { type: 'webhook', payload: { url: `${receiver.url}/hooks/${index}`, body: { index } } },
          { 'idempotency-key': `reliability-${index}` },
        );
        if (response.status === 202) {
          accepted.push((response.body as { taskId: string }).taskId);
          return;
        }
        // Throttled, busy or timed out: send the same request again, as a client would; the
        // Idempotency-Key makes a repeat of an accepted request answer the same task.
        if (!RETRYABLE_STATUSES.has(response.status)) {
          throw new Error(`submit ${index}: ${response.status} ${JSON.stringify(response.body)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    // Act
    await Promise.all(
      Array.from({ length: SUBMITTERS }, async () => {
        for (let index = pending.shift(); index !== undefined; index = pending.shift())
          await submitOne(index);
      }),
    );
    const tasks = await pollUntil(
      'every task to reach a final state',
      async () => {
        const all = await scanTasks(test.cloud, test.cloud.outputs.TaskTableName as string);
        const finished = all.filter((task) => task.status === 'SUCCEEDED' || task.status === 'FAILED');
        return finished.length === TASKS ? all : undefined;
      },
      240_000,
      2000,
    );
    const failedCount = tasks.filter((task) => task.status === 'FAILED').length;
    // A task is FAILED during its fifth receive; its message moves to the DLQ on the receive after
    // the visibility timeout, so the queues settle a little after the statuses do.
    await pollUntil(
      'the queues to settle',
      async () =>
        (await queueDepth(test.cloud, test.cloud.outputs.TaskQueueUrl as string)) === 0 &&
        (await queueDepth(test.cloud, test.cloud.outputs.TaskDeadLetterQueueUrl as string)) === failedCount
          ? true
          : undefined,
      60_000,
      500,
    );
    const deadLettered = (
      await drainQueue(test.cloud, test.cloud.outputs.TaskDeadLetterQueueUrl as string)
    ).map((body) => (JSON.parse(body) as { taskId: string }).taskId);
    const leftInQueue = await drainQueue(test.cloud, test.cloud.outputs.TaskQueueUrl as string);

    // Assert
    expect(accepted).toHaveLength(TASKS);
    expect(new Set(accepted).size).toBe(TASKS);
    expect(new Set(tasks.map((task) => task.taskId))).toEqual(new Set(accepted));
    const succeeded = tasks.filter((task) => task.status === 'SUCCEEDED');
    const failed = tasks.filter((task) => task.status === 'FAILED');
    expect(failed.length).toBeGreaterThanOrEqual(TASKS / 100);
    for (const task of succeeded) {
      const calls = receiver.callsFor(task.taskId).map((call) => call.status);
      // Applied once: exactly one successful delivery, and it was the last one.
      expect({
        taskId: task.taskId,
        applied: calls.filter((status) => status === 200).length,
        last: calls.at(-1),
      }).toEqual({
        taskId: task.taskId,
        applied: 1,
        last: 200,
      });
      expect(task.attempts).toBe(calls.length);
    }
    for (const task of failed) {
      expect(task).toMatchObject({ attempts: 5, error: { code: 'RETRIES_EXHAUSTED' } });
      expect(receiver.callsFor(task.taskId).map((call) => call.status)).toEqual([500, 500, 500, 500, 500]);
    }
    expect(new Set(deadLettered)).toEqual(new Set(failed.map((task) => task.taskId)));
    expect(deadLettered).toHaveLength(failed.length);
    expect(leftInQueue).toEqual([]);
    console.log(
      `${TASKS} tasks: ${succeeded.length} SUCCEEDED, ${failed.length} FAILED (in the DLQ), ${receiver.calls.length} deliveries`,
    );
  });
});
