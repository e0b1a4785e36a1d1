import * as z from '../shared/zod';

/** What every event on the bus carries besides its data. */
export const eventMetadataSchema = z.object({
  correlationId: z.string().check(z.minLength(1)),
  eventId: z.string().check(z.minLength(1)),
  /** ISO-8601 time Switchyard published the event. */
  publishedAt: z.string().check(z.minLength(1)),
});

export type EventMetadata = z.infer<typeof eventMetadataSchema>;

/** The `detail` of every Switchyard event: `{ metadata, data }`. */
export const eventDetailSchema = z.object({ metadata: eventMetadataSchema, data: z.unknown() });

export type EventDetail = z.infer<typeof eventDetailSchema>;

/** An event as EventBridge delivers it to a target (the fields consumers use). */
export const busEventSchema = z.object({
  id: z.string(),
  'detail-type': z.string(),
  source: z.string(),
  time: z.string(),
  detail: eventDetailSchema,
  'replay-name': z.optional(z.string()),
});

export type BusEvent = z.infer<typeof busEventSchema>;
