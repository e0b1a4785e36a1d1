import { TASK_STATUSES } from '../shared/task-record';
import * as z from '../shared/zod';

/**
 * The bodies every route answers with. Handlers answer through `contractResponse`, typed from
 * these schemas, so an answer cannot drift from what the OpenAPI document (`npm run openapi`)
 * promises; the document is generated from them.
 */

const isoTime = (what: string) => z.string().check(z.describe(`${what} (ISO 8601, UTC).`));

/** `GET /api/data`. */
export const livenessSchema = z.strictObject({ message: z.literal('Hello, World!') });

/** `POST /tasks`, 202. */
export const acceptedTaskSchema = z.strictObject({
  taskId: z.string().check(z.describe('The task id; its status is at statusUrl.')),
  status: z.literal('ACCEPTED'),
  statusUrl: z
    .string()
    .check(z.describe('GET this URL for the task status (the same as the Location header).')),
});

export const taskErrorSchema = z.strictObject({
  code: z.enum(['NON_RETRYABLE', 'RETRIES_EXHAUSTED', 'INVALID_TASK']),
  message: z.string(),
});

/** `GET /tasks/{taskId}`, 200. */
export const taskViewSchema = z.strictObject({
  taskId: z.string(),
  type: z.string().check(z.describe('The task type, e.g. `hello`.')),
  status: z.enum(TASK_STATUSES),
  attempts: z.int().check(z.nonnegative(), z.describe('Processing attempts started so far.')),
  createdAt: isoTime('When the task was accepted'),
  updatedAt: isoTime('When its status last changed'),
  result: z.optional(
    z.record(z.string(), z.unknown()).check(z.describe('What the task type returned (SUCCEEDED only).')),
  ),
  error: z.optional(taskErrorSchema.check(z.describe('Why the task failed (FAILED only).'))),
});

const publishedSchema = z.strictObject({
  index: z.int().check(z.nonnegative()),
  eventId: z.string(),
  status: z.literal('PUBLISHED'),
});
const notPublishedSchema = z.strictObject({
  index: z.int().check(z.nonnegative()),
  eventId: z.string(),
  status: z.literal('FAILED'),
  error: z.strictObject({ code: z.string(), message: z.string() }),
});

/** `POST /events`, 202 (all published), 207 (some not) and 503 (none). */
export const publishResultsSchema = z.strictObject({
  results: z
    .array(z.discriminatedUnion('status', [publishedSchema, notPublishedSchema]))
    .check(z.describe('One outcome per event, in request order.')),
});

const taskTimelineEntrySchema = z.strictObject({
  kind: z.literal('TASK'),
  taskId: z.string(),
  taskType: z.string(),
  event: z.enum(['ACCEPTED', 'STARTED', 'RETRYING', 'SUCCEEDED', 'FAILED', 'REDRIVEN']),
  at: isoTime('When it happened'),
  attempt: z.optional(z.int().check(z.nonnegative())),
  message: z.optional(z.string()),
});
const publishedTimelineEntrySchema = z.strictObject({
  kind: z.literal('EVENT_PUBLISHED'),
  at: isoTime('When the event was published'),
  eventId: z.string(),
  type: z.string(),
  source: z.string(),
  replayName: z.optional(z.string()),
});
const consumedTimelineEntrySchema = z.strictObject({
  kind: z.literal('EVENT_CONSUMED'),
  at: isoTime('When the subscription consumed the event'),
  eventId: z.string(),
  type: z.string(),
  subscription: z.string(),
  outcome: z.enum(['PROCESSED', 'REJECTED']),
});

/** `GET /flows/{correlationId}`, 200. */
export const flowViewSchema = z.strictObject({
  correlationId: z.string(),
  timeline: z
    .array(
      z.discriminatedUnion('kind', [
        taskTimelineEntrySchema,
        publishedTimelineEntrySchema,
        consumedTimelineEntrySchema,
      ]),
    )
    .check(z.describe('Every task state change, event published and event consumed, in time order.')),
});

/** Codes the functions answer with; API Gateway's own refusals carry its response type instead. */
export const FUNCTION_ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;

/** Every error, from a function or from API Gateway. */
export const errorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z
      .string()
      .check(
        z.describe(
          `From a function: ${FUNCTION_ERROR_CODES.join(', ')}. From API Gateway: its gateway response type, ` +
            'e.g. MISSING_AUTHENTICATION_TOKEN, ACCESS_DENIED, INVALID_SIGNATURE, THROTTLED.',
        ),
      ),
    message: z.string(),
    details: z.optional(
      z
        .array(z.strictObject({ path: z.string(), message: z.string() }))
        .check(z.describe('Each offending field by its dotted path, e.g. `payload.url`.')),
    ),
  }),
});
