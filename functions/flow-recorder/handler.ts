import { eventConsumerHandler } from '../shared/event-consumer-handler';

// The wire tap records the publication itself; a line saying it consumed its own input would be noise.
export const handler = eventConsumerHandler((event, _data, { flows }) => flows.recordPublished(event), {
  recordConsumption: false,
});
