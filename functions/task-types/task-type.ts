import type { ErrorDetail } from '../shared/errors';
import type * as z from '../shared/zod';

/** Deployment settings a task type may depend on; built from the environment by the functions. */
export interface TaskTypeSettings {
  /** Hosts (`host` or `host:port`, lower case) the `webhook` type may call. */
  readonly webhookAllowedHosts: readonly string[];
  /** Milliseconds one webhook delivery attempt may take. */
  readonly webhookTimeoutMs: number;
}

/** What a processor knows about the task it runs. */
export interface TaskRunContext {
  readonly taskId: string;
  readonly correlationId: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
}

/**
 * One task type: its payload contract and its processor. The schema is the single source of
 * truth for ingest validation, the API Gateway request model and the OpenAPI document.
 */
export interface TaskType<
  Payload = unknown,
  Result extends Record<string, unknown> = Record<string, unknown>,
> {
  readonly name: string;
  readonly description: string;
  readonly payloadSchema: z.ZodMiniType<Payload>;
  /**
   * Checks that depend on deployment settings (such as an allow-list), run at ingest after the
   * schema passed. Returns the problems found, with paths relative to the payload.
   */
  admissionIssues?(payload: Payload, settings: TaskTypeSettings): ErrorDetail[];
  /**
   * Runs the task. Throws `RetryableTaskError` for a failure worth retrying and
   * `NonRetryableTaskError` for one that is not; any other error counts as retryable.
   */
  process(payload: Payload, context: TaskRunContext, settings: TaskTypeSettings): Promise<Result>;
}
