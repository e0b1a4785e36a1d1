import { expectThat } from '../support/expect';
import { expectTaskOutcome, submitTask, waitForFinalTask } from '../support/tasks';
import type { Scenario } from './scenario';

/** A `hello` task: 202 with Location, then its status at Location until SUCCEEDED with the greeting. */
export const helloTask: Scenario = {
  name: 'hello task to SUCCEEDED',
  async run(context) {
    const task = await submitTask(
      context,
      { type: 'hello', payload: { name: 'Scenario' } },
      { correlationId: context.correlationId('hello') },
    );
    const final = await waitForFinalTask(context, task);
    expectTaskOutcome(final, 'SUCCEEDED');
    const greeting = final.result?.greeting;
    expectThat(greeting === 'Hello, Scenario!', `task ${task.taskId} greeted ${JSON.stringify(greeting)}`);
  },
};
