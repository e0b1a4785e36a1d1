import { expectThat } from '../support/expect';
import { expectTaskOutcome, submitTask, waitForFinalTask } from '../support/tasks';
import type { Scenario } from './scenario';

/**
 * A webhook task POSTs its body to an allow-listed receiver and ends SUCCEEDED with the
 * receiver's 2xx; the suite's own receiver (local cloud) also shows what arrived: the body, the
 * task id and the correlation id.
 */
export const webhookDelivered: Scenario = {
  name: 'webhook delivered',
  notRunBecause: ({ webhooks }) =>
    webhooks.acceptUrl === undefined
      ? "pass --webhook-url with a receiver on the stack's allow-list that answers 2xx"
      : undefined,
  async run(context) {
    const url = context.webhooks.acceptUrl ?? '';
    const correlationId = context.correlationId('webhook');
    const body = { scenario: context.runId, check: 'delivered' };
    const task = await submitTask(context, { type: 'webhook', payload: { url, body } }, { correlationId });
    const final = await waitForFinalTask(context, task);
    expectTaskOutcome(final, 'SUCCEEDED');
    const statusCode = final.result?.statusCode;
    expectThat(
      typeof statusCode === 'number' && statusCode >= 200 && statusCode < 300,
      `task ${task.taskId} reported receiver status ${JSON.stringify(statusCode)}`,
    );
    const { receiver } = context.webhooks;
    if (receiver === undefined) return;
    const [delivery] = receiver.deliveriesFor(task.taskId);
    expectThat(delivery !== undefined, `the receiver got nothing for task ${task.taskId}`);
    expectThat(
      delivery.body === JSON.stringify(body),
      `the receiver got ${delivery.body}, expected the task's body`,
    );
    expectThat(
      delivery.correlationId === correlationId,
      `the receiver got correlation id ${delivery.correlationId}, expected ${correlationId}`,
    );
  },
};
