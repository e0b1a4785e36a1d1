import { expectThat } from '../support/expect';
import { expectTaskOutcome, submitTask, waitForFinalTask } from '../support/tasks';
import type { Scenario } from './scenario';

/** A receiver that answers a non-retryable 4xx fails the task at once: FAILED, NON_RETRYABLE, one attempt. */
export const webhookRefused: Scenario = {
  name: 'webhook refused by its receiver ends FAILED',
  notRunBecause: ({ webhooks }) =>
    webhooks.rejectUrl === undefined
      ? "pass --webhook-reject-url with a receiver on the stack's allow-list that answers 400"
      : undefined,
  async run(context) {
    const url = context.webhooks.rejectUrl ?? '';
    const task = await submitTask(
      context,
      { type: 'webhook', payload: { url, body: { scenario: context.runId, check: 'refused' } } },
      { correlationId: context.correlationId('webhook-refused') },
    );
    const final = await waitForFinalTask(context, task);
    expectTaskOutcome(final, 'FAILED', 'NON_RETRYABLE');
    expectThat(final.attempts === 1, `task ${task.taskId} took ${final.attempts} attempts, expected 1`);
    const deliveries = context.webhooks.receiver?.deliveriesFor(task.taskId);
    expectThat(
      deliveries === undefined || deliveries.length === 1,
      `the receiver was called ${deliveries?.length} times for task ${task.taskId}, expected once`,
    );
  },
};
