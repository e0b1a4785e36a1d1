import { z } from 'zod';
import type { TaskType } from '../task-type';

export const helloPayloadSchema = z
  .object({ name: z.string().trim().min(1).max(100).optional() })
  .strict()
  .describe('Greets `name` (default "World").');

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
