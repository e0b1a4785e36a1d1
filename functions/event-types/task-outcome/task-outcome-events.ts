import * as z from '../../shared/zod';
import type { EventType } from '../event-type';

/** The `source` of the events the task worker emits. */
export const TASK_EVENT_SOURCE = 'switchyard.tasks';

const taskFields = {
  taskId: z.string().check(z.minLength(1)),
  /** The task type, e.g. `webhook`. */
  taskType: z.string().check(z.minLength(1)),
  attempts: z.int().check(z.nonnegative()),
};

export const taskSucceededDataSchema = z.strictObject({
  ...taskFields,
  result: z.record(z.string(), z.unknown()),
});
export const taskFailedDataSchema = z.strictObject({
  ...taskFields,
  error: z.strictObject({ code: z.string(), message: z.string() }),
});

export type TaskSucceededData = z.infer<typeof taskSucceededDataSchema>;
export type TaskFailedData = z.infer<typeof taskFailedDataSchema>;

export const taskSucceededEvent: EventType<TaskSucceededData> = {
  name: 'task.succeeded',
  description: 'A task reached SUCCEEDED; `result` is what its processor returned.',
  dataSchema: taskSucceededDataSchema,
  internal: true,
};

export const taskFailedEvent: EventType<TaskFailedData> = {
  name: 'task.failed',
  description: 'A task reached FAILED, at once or after its last retry.',
  dataSchema: taskFailedDataSchema,
  internal: true,
};
