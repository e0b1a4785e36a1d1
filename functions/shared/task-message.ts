import * as z from './zod';

/** The body of every message on the task queue. */
export const taskMessageSchema = z.object({
  taskId: z.string().check(z.minLength(1)),
  type: z.string().check(z.minLength(1)),
  payload: z.unknown(),
  correlationId: z.string().check(z.minLength(1)),
  /** ISO-8601 time the task was accepted. */
  acceptedAt: z.string().check(z.minLength(1)),
});

export type TaskMessage = z.infer<typeof taskMessageSchema>;

/** Message attribute names, so consumers and operators can filter without parsing bodies. */
export const TaskMessageAttributes = {
  taskId: 'taskId',
  taskType: 'taskType',
  correlationId: 'correlationId',
} as const;
