import type { APIGatewayProxyEvent } from 'aws-lambda';
import { IDEMPOTENCY_KEY_PATTERN } from '../../api-contract/identifier-patterns';
import { ValidationError } from '../errors';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** The caller's `Idempotency-Key` (1 to 128 visible ASCII characters), if sent. */
export const readIdempotencyKey = (event: Pick<APIGatewayProxyEvent, 'headers'>): string | undefined => {
  const key = event.headers?.[IDEMPOTENCY_KEY_HEADER];
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new ValidationError('Invalid Idempotency-Key header', [
      { path: 'headers.Idempotency-Key', message: 'must be 1 to 128 visible ASCII characters' },
    ]);
  }
  return key;
};

/** Who is calling, for scoping idempotency keys: the IAM principal when the route is signed. */
export const callerOf = (event: Pick<APIGatewayProxyEvent, 'requestContext'>): string =>
  event.requestContext.identity?.userArn ?? event.requestContext.identity?.caller ?? 'anonymous';
