import * as z from '../../shared/zod';

/** Headers the delivery sets itself; a payload may not override them. */
export const RESERVED_WEBHOOK_HEADERS = [
  'host',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
  'x-switchyard-task-id',
  'x-correlation-id',
] as const;

const headerName = z.string().check(
  z.regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/, 'must be a valid HTTP header name'),
  z.refine((name) => !(RESERVED_WEBHOOK_HEADERS as readonly string[]).includes(name.toLowerCase()), {
    message: `must not be one of the headers set by the delivery (${RESERVED_WEBHOOK_HEADERS.join(', ')})`,
  }),
);

export const webhookPayloadSchema = z.strictObject({
  url: z
    .url({ protocol: /^https?$/ })
    .check(z.maxLength(2048), z.describe('Endpoint to POST to; its host must be allow-listed.')),
  // Parsed from a JSON request, so always JSON; z.json() would render as a recursive $ref,
  // which API Gateway request models cannot resolve.
  body: z.unknown().check(
    z.refine((value) => value !== undefined, { message: 'is required' }),
    z.describe('JSON value sent as the request body.'),
  ),
  headers: z
    .optional(
      z.record(headerName, z.string().check(z.maxLength(4096))).check(
        z.refine((headers) => Object.keys(headers).length <= 20, {
          message: 'must have at most 20 headers',
        }),
      ),
    )
    .check(z.describe('Extra request headers.')),
});

export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;
