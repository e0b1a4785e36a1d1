import * as z from '../../shared/zod';
import type { TaskType } from '../task-type';

export const helloPayloadSchema = z
  .strictObject({ name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))) })
  .check(z.describe('Greets `name` (default "World").'));

export type HelloPayload = z.infer<typeof helloPayloadSchema>;
export interface HelloResult extends Record<string, unknown> {
  readonly greeting: string;
}

/** The classic durable-queue example: the greeting is computed by the worker, not at ingest. */
export const helloTask: TaskType<HelloPayload, HelloResult> = {
  name: 'hello',
  description: 'Computes a greeting asynchronously.',
  payloadSchema: helloPayloadSchema,
  process: async (payload) => ({ greeting: `Hello, ${payload.name ?? 'World'}!` }),
};
