import { z } from 'zod';
import type { EventType } from '../event-type';

/** The `source` of the events the task worker emits. */
export const TASK_EVENT_SOURCE = 'switchyard.tasks';

const taskFields = {
  taskId: z.string().min(1),
  /** The task type, e.g. `webhook`. */
  taskType: z.string().min(1),
  attempts: z.number().int().nonnegative(),
};

export const taskSucceededDataSchema = z
  .object({ ...taskFields, result: z.record(z.string(), z.unknown()) })
  .strict();
export const taskFailedDataSchema = z
  .object({ ...taskFields, error: z.object({ code: z.string(), message: z.string() }).strict() })
  .strict();

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
