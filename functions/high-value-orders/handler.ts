import { eventConsumerHandler } from '../shared/event-consumer-handler';
import { notifyHighValueOrder } from './notify-high-value-order';

export const handler = eventConsumerHandler(notifyHighValueOrder);
