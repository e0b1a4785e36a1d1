import { publishableEventTypes } from '../event-types';
import * as z from '../shared/zod';

/** Most events one `POST /events` may carry. */
export const MAX_EVENTS_PER_REQUEST = 100;

/** Sources clients may not use: `aws.` is AWS's own, `switchyard.` is what the system emits. */
const RESERVED_SOURCE_PREFIXES = ['aws.', 'switchyard.'];

const commonFields = {
  source: z.string().check(
    z.minLength(1),
    z.maxLength(256),
    z.refine((source) => !RESERVED_SOURCE_PREFIXES.some((prefix) => source.startsWith(prefix)), {
      message: `must not start with ${RESERVED_SOURCE_PREFIXES.join(' or ')}`,
    }),
    z.describe('Who emits the event, e.g. `com.example.shop`.'),
  ),
  id: z
    .optional(
      z.string().check(z.regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1 to 128 of A-Z a-z 0-9 . _ : -')),
    )
    .check(
      z.describe(
        'Your id for the event, used as its eventId so consumers can drop duplicates; generated when absent.',
      ),
    ),
  time: z
    .optional(z.iso.datetime({ offset: true }))
    .check(z.describe('When it happened (ISO 8601); the publishing time when absent.')),
};

const [firstType, ...otherTypes] = publishableEventTypes.map((type) =>
  z.strictObject({ ...commonFields, type: z.literal(type.name), data: type.dataSchema }),
);
if (!firstType) throw new Error('No event type may be published by clients');

export const incomingEventSchema = z.discriminatedUnion('type', [firstType, ...otherTypes]);

/** The `POST /events` body. */
export const publishEventsBodySchema = z
  .strictObject({
    events: z.array(incomingEventSchema).check(z.minLength(1), z.maxLength(MAX_EVENTS_PER_REQUEST)),
  })
  .check(z.describe('Events to publish to the bus, all or none validated.'));
