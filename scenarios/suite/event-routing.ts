import { orderPlaced, publishEvent } from '../support/events';
import { expectThat } from '../support/expect';
import { consumedBy, published, readFlow, waitForFlow } from '../support/flows';
import { sleep } from '../support/wait';
import type { Scenario } from './scenario';

const SUBSCRIPTION = 'high-value-orders';
/** The rule's threshold: `amount >= 1000`. */
const THRESHOLD = 1000;

/**
 * The content-based router: an `order.placed` at the threshold reaches `high-value-orders`, one
 * just below does not. The one below is published first; once the one at the threshold has been
 * consumed and the one below recorded by the flow recorder, it is watched a little longer.
 */
export const eventRouting: Scenario = {
  name: 'events routed by amount',
  async run(context) {
    const below = { correlationId: context.correlationId('order-below'), amount: THRESHOLD - 1 };
    const at = { correlationId: context.correlationId('order-at'), amount: THRESHOLD };
    const belowEvent = orderPlaced(below.correlationId, below.amount);
    const atEvent = orderPlaced(at.correlationId, at.amount);
    await publishEvent(context, belowEvent, below.correlationId);
    await publishEvent(context, atEvent, at.correlationId);

    await waitForFlow(
      context,
      at.correlationId,
      `${SUBSCRIPTION} consuming order ${atEvent.id}`,
      (timeline) => consumedBy(timeline, atEvent.id, SUBSCRIPTION),
    );
    await waitForFlow(context, below.correlationId, `the publication of order ${belowEvent.id}`, (timeline) =>
      published(timeline, belowEvent.id),
    );
    await sleep(context.timing.absenceGraceMs);
    const flow = await readFlow(context, below.correlationId);
    expectThat(
      !consumedBy(flow?.timeline ?? [], belowEvent.id, SUBSCRIPTION),
      `${SUBSCRIPTION} consumed order ${belowEvent.id} of amount ${below.amount}, below ${THRESHOLD}`,
    );
  },
};
