import { type BusEvent, busEventSchema, findEventType } from '../event-types';
import { NonRetryableTaskError } from '../task-types';
import type { FlowStore } from './flow-store';
import { logger } from './observability';

/** What a subscription does with one event whose data passed its type's schema. */
export type EventHandler = (
  event: BusEvent,
  data: unknown,
  context: { readonly flows: FlowStore },
) => void | Promise<void>;

/** Runs `handle` at most once per key, even when SQS delivers the message again. */
export type OnceRunner = (key: string, run: () => Promise<void>) => Promise<void>;

export interface EventConsumerDependencies {
  readonly subscription: string;
  readonly flows: FlowStore;
  readonly once: OnceRunner;
  /** Record this subscription's consumption in the flow timeline. @default true */
  readonly recordConsumption?: boolean;
}

/** Thrown for a message no retry can make readable; it ends in the subscription's DLQ. */
export class UnreadableEventError extends NonRetryableTaskError {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableEventError';
  }
}

/**
 * Consumes one buffered event: parses the EventBridge envelope, validates `data` with its event
 * type's schema, runs the handler at most once per (subscription, event id), and records the
 * consumption in the flow timeline. Any failure is thrown, so the message is reported as a
 * batch item failure and, if it keeps failing, lands in the DLQ: nothing is dropped silently.
 */
export const consumeEvent = async (
  body: string,
  handle: EventHandler,
  deps: EventConsumerDependencies,
): Promise<void> => {
  const event = parseEvent(body);
  const { eventId, correlationId } = event.detail.metadata;
  const log = { subscription: deps.subscription, eventId, correlationId, type: event['detail-type'] };
  const eventType = findEventType(event['detail-type']);
  const data = eventType?.dataSchema.safeParse(event.detail.data);
  if (!eventType || !data?.success) {
    logger.error('Event does not match its type; it will be retried and then dead-lettered', log);
    throw new UnreadableEventError(
      `Event ${eventId} of type ${event['detail-type']} does not match its schema`,
    );
  }
  await deps.once(`${deps.subscription}#${eventId}`, async () => {
    await handle(event, data.data, { flows: deps.flows });
    if (deps.recordConsumption !== false)
      await deps.flows.recordConsumption(event, deps.subscription, 'PROCESSED');
  });
  logger.info('Event consumed', { ...log, replayName: event['replay-name'] });
};

const parseEvent = (body: string): BusEvent => {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new UnreadableEventError('Message body is not JSON');
  }
  const parsed = busEventSchema.safeParse(json);
  if (!parsed.success) throw new UnreadableEventError('Message body is not a Switchyard event');
  return parsed.data;
};
