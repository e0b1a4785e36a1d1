import type { EventType } from './event-type';
import { orderPlacedEvent } from './order-placed/order-placed-event';
import { taskFailedEvent, taskSucceededEvent } from './task-outcome/task-outcome-events';

/** Every event type the bus carries. Adding one here adds it to ingest, models and consumers. */
export const eventTypes: readonly EventType[] = [
  taskSucceededEvent as EventType,
  taskFailedEvent as EventType,
  orderPlacedEvent as EventType,
];

export const findEventType = (name: string): EventType | undefined =>
  eventTypes.find((type) => type.name === name);

/** The types clients may publish through `POST /events`. */
export const publishableEventTypes: readonly EventType[] = eventTypes.filter((type) => !type.internal);
