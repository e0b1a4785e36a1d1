/**
 * The shapes of the identifiers the API reads from headers and paths. The handlers check them
 * and the OpenAPI document states them, from these one definitions.
 */

/** `X-Correlation-Id`, and `{correlationId}` in `GET /flows/{correlationId}`. */
export const CORRELATION_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** `Idempotency-Key`: 1 to 128 visible ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;
