import type { PublishResults } from '../contract/api-types';
import { SCENARIO_EVENT_SOURCE, type ScenarioContext } from '../suite/scenario';
import { expectStatus, expectThat } from './expect';

/** An `order.placed` event of the scenarios' own source, with its id set so the flow can be searched. */
export const orderPlaced = (eventId: string, amount: number) => ({
  id: eventId,
  source: SCENARIO_EVENT_SOURCE,
  type: 'order.placed',
  data: { orderId: eventId, amount, currency: 'EUR', customer: { customerId: 'scenario-customer' } },
});

/** `POST /events` with one event, expecting `202` with that event PUBLISHED under its own id. */
export async function publishEvent(
  context: ScenarioContext,
  event: ReturnType<typeof orderPlaced>,
  correlationId: string,
): Promise<void> {
  const response = await context.api.send({
    method: 'POST',
    path: '/events',
    body: { events: [event] },
    headers: { 'x-correlation-id': correlationId },
  });
  expectStatus(response, 202);
  const [result] = (response.body as PublishResults).results;
  expectThat(
    result?.status === 'PUBLISHED' && result.eventId === event.id,
    `${response.route} answered ${JSON.stringify(result)}, expected event ${event.id} PUBLISHED`,
  );
}
