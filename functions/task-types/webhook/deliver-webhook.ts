import { NonRetryableTaskError, RetryableTaskError } from '../errors';
import type { TaskRunContext } from '../task-type';
import type { WebhookPayload } from './webhook-payload';

export interface WebhookDeliveryResult extends Record<string, unknown> {
  readonly statusCode: number;
}

/** Statuses that say "try again later" although they are 4xx. */
const RETRYABLE_CLIENT_STATUSES = new Set([408, 425, 429]);

/**
 * POSTs the payload's body once. Receivers get the task id in `X-Switchyard-Task-Id` so they
 * can drop the duplicates at-least-once delivery may bring. Redirects are not followed: the
 * target of a redirect was never checked against the allow-list.
 */
export const deliverWebhook = async (
  payload: WebhookPayload,
  context: TaskRunContext,
  timeoutMs: number,
): Promise<WebhookDeliveryResult> => {
  let response: Response;
  try {
    response = await fetch(payload.url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        ...payload.headers,
        'content-type': 'application/json',
        'x-switchyard-task-id': context.taskId,
        'x-correlation-id': context.correlationId,
      },
      body: JSON.stringify(payload.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    // The abort reason is a DOMException, which is not an `Error` in every realm: test the name.
    const reason =
      (error as { name?: unknown } | null)?.name === 'TimeoutError'
        ? `no response within ${timeoutMs} ms`
        : 'connection failed';
    throw new RetryableTaskError(`Webhook delivery failed: ${reason}`, { cause: error });
  }
  // The body is not needed; drain it so the connection can be reused.
  await response.body?.cancel().catch(() => undefined);

  const { status } = response;
  if (status >= 200 && status < 300) return { statusCode: status };
  const message = `Webhook receiver answered HTTP ${status}`;
  if (status >= 500 || RETRYABLE_CLIENT_STATUSES.has(status)) throw new RetryableTaskError(message);
  throw new NonRetryableTaskError(
    status >= 300 && status < 400 ? `${message} (redirects are not followed)` : message,
  );
};
