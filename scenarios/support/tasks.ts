import type { AcceptedTask, TaskView } from '../contract/api-types';
import type { ScenarioContext } from '../suite/scenario';
import { expectStatus, expectThat } from './expect';
import { waitFor } from './wait';

/** A task the API accepted, and where its status is. */
export interface SubmittedTask {
  readonly taskId: string;
  readonly location: string;
}

/**
 * `POST /tasks`, expecting `202 Accepted` with the status resource in `Location`, the same URL
 * as the body's `statusUrl`, and the request's correlation id echoed.
 */
export async function submitTask(
  context: ScenarioContext,
  body: { readonly type: string; readonly payload: unknown },
  headers: { readonly correlationId: string; readonly idempotencyKey?: string },
): Promise<SubmittedTask> {
  const response = await context.api.send({
    method: 'POST',
    path: '/tasks',
    body,
    headers: {
      'x-correlation-id': headers.correlationId,
      ...(headers.idempotencyKey !== undefined && { 'idempotency-key': headers.idempotencyKey }),
    },
  });
  expectStatus(response, 202);
  const accepted = response.body as AcceptedTask;
  const location = response.headers.get('location');
  expectThat(location !== null, `${response.route} answered 202 without a Location header`);
  expectThat(
    location === accepted.statusUrl,
    `${response.route}: Location ${location} differs from statusUrl ${accepted.statusUrl}`,
  );
  const echoed = response.headers.get('x-correlation-id');
  expectThat(
    echoed === headers.correlationId,
    `${response.route} echoed correlation id ${echoed}, expected ${headers.correlationId}`,
  );
  return { taskId: accepted.taskId, location };
}

/** Polls the task's `Location` until it is SUCCEEDED or FAILED, within `timeoutMs`. */
export function waitForFinalTask(
  context: ScenarioContext,
  task: SubmittedTask,
  timeoutMs = context.timing.taskTimeoutMs,
): Promise<TaskView> {
  let last: TaskView | undefined;
  return waitFor(
    `final status of task ${task.taskId}`,
    async () => {
      const response = await context.api.send({ method: 'GET', path: task.location });
      expectStatus(response, 200);
      last = response.body as TaskView;
      return last.status === 'SUCCEEDED' || last.status === 'FAILED' ? last : undefined;
    },
    { timeoutMs, intervalMs: context.timing.pollIntervalMs },
    () => (last === undefined ? undefined : `${last.status} after ${last.attempts} attempt(s)`),
  );
}

/** Fails unless the task ended with `status` (and, for FAILED, the error code `code`). */
export function expectTaskOutcome(task: TaskView, status: 'SUCCEEDED' | 'FAILED', code?: string): void {
  const outcome =
    task.error === undefined ? task.status : `${task.status} (${task.error.code}: ${task.error.message})`;
  expectThat(task.status === status, `task ${task.taskId} ended ${outcome}, expected ${status}`);
  if (code !== undefined) {
    expectThat(
      task.error?.code === code,
      `task ${task.taskId} ended ${outcome}, expected error code ${code}`,
    );
  }
}
