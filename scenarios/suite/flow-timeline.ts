import type { FlowEntry } from '../contract/api-types';
import { orderPlaced, publishEvent } from '../support/events';
import { expectThat } from '../support/expect';
import { describeTimeline, published, waitForFlow } from '../support/flows';
import { expectTaskOutcome, submitTask, waitForFinalTask } from '../support/tasks';
import type { Scenario } from './scenario';

/**
 * One correlation id carried by a task and an event: its flow holds the task's state changes,
 * the task's outcome event and the published order, each timestamped, in time order.
 */
export const flowTimeline: Scenario = {
  name: 'flow timeline of one correlation id',
  async run(context) {
    const correlationId = context.correlationId('flow');
    const task = await submitTask(context, { type: 'hello', payload: { name: 'Flow' } }, { correlationId });
    const order = orderPlaced(`${correlationId}-order`, 10);
    await publishEvent(context, order, correlationId);
    expectTaskOutcome(await waitForFinalTask(context, task), 'SUCCEEDED');

    const taskEvents = (timeline: readonly FlowEntry[]) =>
      timeline.flatMap((entry) =>
        entry.kind === 'TASK' && entry.taskId === task.taskId ? [entry.event] : [],
      );
    const flow = await waitForFlow(
      context,
      correlationId,
      'the task states, its outcome event and the order',
      (timeline) =>
        (['ACCEPTED', 'STARTED', 'SUCCEEDED'] as const).every((event) =>
          taskEvents(timeline).includes(event),
        ) &&
        published(timeline, `${task.taskId}:succeeded`) &&
        published(timeline, order.id),
    );
    expectThat(flow.correlationId === correlationId, `the flow answered for ${flow.correlationId}`);
    const times = flow.timeline.map((entry) => Date.parse(entry.at));
    expectThat(
      times.every((time) => Number.isFinite(time)),
      `the timeline has a time that is not ISO 8601: ${flow.timeline.map((entry) => entry.at).join(', ')}`,
    );
    expectThat(
      times.every((time, index) => index === 0 || time >= (times[index - 1] ?? time)),
      `the timeline is not in time order: ${flow.timeline.map((entry) => entry.at).join(', ')}`,
    );
    const states = taskEvents(flow.timeline).join(' ');
    expectThat(
      /ACCEPTED STARTED .*SUCCEEDED/.test(states),
      `task ${task.taskId} went ${states} (${describeTimeline(flow.timeline)})`,
    );
  },
};
