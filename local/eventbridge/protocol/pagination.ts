import { ValidationError } from '../errors';

/** One page of a list and the token for the next one. */
export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

/**
 * Pages a list that the store returns whole: the token is the offset of the next item, opaque
 * to callers as AWS's tokens are.
 */
export function paginate<T>(
  all: readonly T[],
  limit: number | undefined,
  nextToken: string | undefined,
): Page<T> {
  let offset = 0;
  if (nextToken !== undefined) {
    offset = Number.parseInt(Buffer.from(nextToken, 'base64url').toString('utf8'), 10);
    if (!Number.isInteger(offset) || offset < 0)
      throw new ValidationError('The NextToken provided is invalid.');
  }
  const size = limit ?? 100;
  const items = all.slice(offset, offset + size);
  const next =
    offset + size < all.length ? Buffer.from(String(offset + size)).toString('base64url') : undefined;
  return { items, ...(next !== undefined && { nextToken: next }) };
}
