import { expectThat } from '../support/expect';
import { consumedBy, waitForFlow } from '../support/flows';
import { expectTaskOutcome, submitTask, waitForFinalTask } from '../support/tasks';
import { formatDuration } from '../support/wait';
import type { Scenario } from './scenario';

/** Processing attempts before a task message goes to the dead-letter queue (the template's maxReceiveCount). */
const MAX_ATTEMPTS = 5;

/**
 * A receiver that answers 5xx every time: the task is retried, one visibility timeout apart, and
 * after the last attempt it is FAILED with RETRIES_EXHAUSTED, its message in the dead-letter
 * queue, and its `task.failed` event consumed by `task-failures`. Opt-in (`--dead-letter`): it
 * takes as long as the retries do, and on a deployed stack the dead letter raises the DLQ alarm.
 * What a client sees is checked; the queue itself is the operator's (`switchyard dlq peek tasks`).
 */
export const webhookDeadLettered: Scenario = {
  name: 'webhook failing every time is dead-lettered',
  notRunBecause: ({ deadLetter, webhooks, target }) => {
    if (!deadLetter) {
      return target.mode === 'local'
        ? 'pass --dead-letter; it waits for five attempts, one queue visibility timeout apart'
        : 'pass --dead-letter and --webhook-fail-url; it raises the task DLQ alarm';
    }
    return webhooks.failUrl === undefined
      ? "pass --webhook-fail-url with a receiver on the stack's allow-list that answers 5xx"
      : undefined;
  },
  async run(context) {
    const url = context.webhooks.failUrl ?? '';
    const correlationId = context.correlationId('webhook-dead-letter');
    const task = await submitTask(
      context,
      { type: 'webhook', payload: { url, body: { scenario: context.runId, check: 'dead-letter' } } },
      { correlationId },
    );
    context.note(
      `webhook dead-letter: task ${task.taskId} retries ${MAX_ATTEMPTS} times; waiting up to ${formatDuration(context.timing.deadLetterTimeoutMs)}`,
    );
    const final = await waitForFinalTask(context, task, context.timing.deadLetterTimeoutMs);
    expectTaskOutcome(final, 'FAILED', 'RETRIES_EXHAUSTED');
    expectThat(
      final.attempts === MAX_ATTEMPTS,
      `task ${task.taskId} took ${final.attempts} attempts, expected ${MAX_ATTEMPTS}`,
    );
    const deliveries = context.webhooks.receiver?.deliveriesFor(task.taskId);
    expectThat(
      deliveries === undefined || deliveries.length === MAX_ATTEMPTS,
      `the receiver was called ${deliveries?.length} times for task ${task.taskId}, expected ${MAX_ATTEMPTS}`,
    );
    const failedEvent = `${task.taskId}:failed:${MAX_ATTEMPTS}`;
    await waitForFlow(context, correlationId, `task-failures consuming ${failedEvent}`, (timeline) =>
      consumedBy(timeline, failedEvent, 'task-failures'),
    );
  },
};
