import type { TaskType } from '../task-type';
import { deliverWebhook, type WebhookDeliveryResult } from './deliver-webhook';
import { HostAllowList } from './host-allow-list';
import { type WebhookPayload, webhookPayloadSchema } from './webhook-payload';

/** Channel adapter (outbound): reliable delivery of a JSON body to an allow-listed endpoint. */
export const webhookTask: TaskType<WebhookPayload, WebhookDeliveryResult> = {
  name: 'webhook',
  description: 'Delivers a JSON body to an allow-listed HTTPS endpoint, retrying on 5xx and timeouts.',
  payloadSchema: webhookPayloadSchema,
  admissionIssues: (payload, settings) => {
    const reason = new HostAllowList(settings.webhookAllowedHosts).rejectionReason(new URL(payload.url));
    return reason ? [{ path: 'url', message: reason }] : [];
  },
  process: (payload, context, settings) => deliverWebhook(payload, context, settings.webhookTimeoutMs),
};
