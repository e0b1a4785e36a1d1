export { type BusEvent, busEventSchema, type EventDetail, type EventMetadata } from './event-envelope';
export type { EventType } from './event-type';
export { type OrderPlacedData, orderPlacedEvent } from './order-placed/order-placed-event';
export { eventTypes, findEventType, publishableEventTypes } from './registry';
export {
  TASK_EVENT_SOURCE,
  type TaskFailedData,
  type TaskSucceededData,
  taskFailedEvent,
  taskSucceededEvent,
} from './task-outcome/task-outcome-events';
