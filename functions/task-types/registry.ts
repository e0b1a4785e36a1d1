import * as z from '../shared/zod';
import { helloTask } from './hello/hello-task';
import type { TaskType } from './task-type';
import { webhookTask } from './webhook/webhook-task';

/** Every task type the stack accepts. Adding one here adds it to ingest, models and worker. */
export const taskTypes: readonly TaskType[] = [helloTask as TaskType, webhookTask as TaskType];

export const findTaskType = (name: string): TaskType | undefined =>
  taskTypes.find((type) => type.name === name);

const [firstType, ...otherTypes] = taskTypes.map((type) =>
  z.strictObject({ type: z.literal(type.name), payload: type.payloadSchema }),
);
if (!firstType) throw new Error('The task type registry is empty');

/** The `POST /tasks` body: one variant per task type, told apart by `type`. */
export const submitTaskBodySchema = z
  .discriminatedUnion('type', [firstType, ...otherTypes])
  .check(z.describe('A task to run asynchronously.'));

export type SubmitTaskBody = z.infer<typeof submitTaskBodySchema>;
