import { expectThat } from '../support/expect';
import { waitForFlow } from '../support/flows';
import { expectTaskOutcome, submitTask, waitForFinalTask } from '../support/tasks';
import type { Scenario } from './scenario';

/**
 * The same `Idempotency-Key` with the same body answers the first task, and nothing new is
 * queued: once the task has run, its flow holds that one task, accepted once.
 */
export const idempotentResubmission: Scenario = {
  name: 'idempotent resubmission',
  async run(context) {
    const correlationId = context.correlationId('resubmit');
    const request = { type: 'hello', payload: { name: 'Twice' } };
    const headers = { correlationId, idempotencyKey: `${correlationId}-key` };
    const first = await submitTask(context, request, headers);
    const second = await submitTask(context, request, headers);
    expectThat(
      second.taskId === first.taskId,
      `the resubmission answered task ${second.taskId}, the first ${first.taskId}`,
    );
    expectTaskOutcome(await waitForFinalTask(context, first), 'SUCCEEDED');
    const { timeline } = await waitForFlow(context, correlationId, 'the task.succeeded event', (entries) =>
      entries.some((entry) => entry.kind === 'EVENT_PUBLISHED' && entry.type === 'task.succeeded'),
    );
    const taskIds = new Set(timeline.flatMap((entry) => (entry.kind === 'TASK' ? [entry.taskId] : [])));
    const accepted = timeline.filter((entry) => entry.kind === 'TASK' && entry.event === 'ACCEPTED');
    expectThat(
      taskIds.size === 1 && accepted.length === 1,
      `the flow holds ${taskIds.size} task(s) accepted ${accepted.length} time(s), expected task ${first.taskId} once`,
    );
  },
};
