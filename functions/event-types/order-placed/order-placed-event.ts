import * as z from '../../shared/zod';
import type { EventType } from '../event-type';

export const orderPlacedDataSchema = z.strictObject({
  orderId: z.string().check(z.minLength(1), z.maxLength(64)),
  /** In the currency's major unit, e.g. 1250.50 EUR. */
  amount: z.number().check(z.nonnegative(), z.lte(1e12)),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')),
  customer: z.strictObject({
    customerId: z.string().check(z.minLength(1), z.maxLength(64)),
    name: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  }),
});

export type OrderPlacedData = z.infer<typeof orderPlacedDataSchema>;

/** An example business event that shows content-based routing (high-value orders). */
export const orderPlacedEvent: EventType<OrderPlacedData> = {
  name: 'order.placed',
  description: 'A customer placed an order.',
  dataSchema: orderPlacedDataSchema,
};
