import { eventConsumerHandler } from '../shared/event-consumer-handler';
import { alertTaskFailure } from './alert-task-failure';

export const handler = eventConsumerHandler(alertTaskFailure);
