import type { APIGatewayProxyResult } from 'aws-lambda';
import type * as z from '../zod';

/** A JSON response with the headers every route sends. */
export const jsonResponse = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyResult => ({
  statusCode,
  headers: {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  },
  body: JSON.stringify(body),
});

/** A schema's output as handlers build it: read-only all the way down. */
type ReadonlyBody<T> = T extends readonly (infer Item)[]
  ? readonly ReadonlyBody<Item>[]
  : T extends object
    ? { readonly [Key in keyof T]: ReadonlyBody<T[Key]> }
    : T;

/**
 * A JSON response whose body the compiler checks against the route's schema in the API contract
 * (`functions/api-contract`), so what a handler answers cannot drift from the OpenAPI document.
 * The schema is not run: the check costs nothing at run time.
 */
export const contractResponse = <Schema extends z.ZodMiniType>(
  _schema: Schema,
  statusCode: number,
  body: ReadonlyBody<z.output<Schema>>,
  headers: Record<string, string> = {},
): APIGatewayProxyResult => jsonResponse(statusCode, body, headers);
