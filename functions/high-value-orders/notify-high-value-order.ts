import type { BusEvent, OrderPlacedData } from '../event-types';
import { countMetric, logger } from '../shared/observability';

/**
 * The high-value order desk: the rule already selected `order.placed` with amount >= 1000, so
 * every event here gets a structured notice and counts toward the business metric.
 */
export const notifyHighValueOrder = (event: BusEvent, data: unknown): void => {
  const order = data as OrderPlacedData;
  logger.info('High-value order', {
    orderId: order.orderId,
    amount: order.amount,
    currency: order.currency,
    customerId: order.customer.customerId,
    eventId: event.detail.metadata.eventId,
  });
  countMetric('HighValueOrders', { currency: order.currency });
};
