import { eventConsumerHandler } from '../shared/event-consumer-handler';

// The wire tap records the publication itself; a line saying it consumed its own input would be
// noise. Recording is a write conditional on the event id, so a redelivered or replayed event
// leaves the timeline as it was: no idempotency record is needed on top.
export const handler = eventConsumerHandler((event, _data, { flows }) => flows.recordPublished(event), {
  recordConsumption: false,
  handlerIsIdempotent: true,
});
