import { authentication } from './authentication';
import { eventRouting } from './event-routing';
import { flowTimeline } from './flow-timeline';
import { helloTask } from './hello-task';
import { idempotencyConflict } from './idempotency-conflict';
import { idempotentResubmission } from './idempotent-resubmission';
import { liveness } from './liveness';
import { notFound } from './not-found';
import type { Scenario } from './scenario';
import { validationErrors } from './validation-errors';
import { webhookDeadLettered } from './webhook-dead-lettered';
import { webhookDelivered } from './webhook-delivered';
import { webhookRefused } from './webhook-refused';

/** Every scenario, in the order they run: quick checks first, the long dead-letter wait last. */
export const SCENARIOS: readonly Scenario[] = [
  liveness,
  authentication,
  helloTask,
  idempotentResubmission,
  idempotencyConflict,
  validationErrors,
  eventRouting,
  flowTimeline,
  notFound,
  webhookDelivered,
  webhookRefused,
  webhookDeadLettered,
];
