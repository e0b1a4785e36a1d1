import { z } from 'zod';
import type { EventType } from '../event-type';

export const orderPlacedDataSchema = z
  .object({
    orderId: z.string().min(1).max(64),
    /** In the currency's major unit, e.g. 1250.50 EUR. */
    amount: z.number().nonnegative().max(1e12),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
    customer: z
      .object({
        customerId: z.string().min(1).max(64),
        name: z.string().min(1).max(200).optional(),
      })
      .strict(),
  })
  .strict();

export type OrderPlacedData = z.infer<typeof orderPlacedDataSchema>;

/** An example business event that shows content-based routing (high-value orders). */
export const orderPlacedEvent: EventType<OrderPlacedData> = {
  name: 'order.placed',
  description: 'A customer placed an order.',
  dataSchema: orderPlacedDataSchema,
};
