import type { ErrorBody } from '../contract/api-types';
import { ScenarioFailure } from '../errors';
import type { ApiResponse } from '../http/api-client';

/** Fails the scenario with `reason` unless `condition` holds. */
export function expectThat(condition: boolean, reason: string): asserts condition {
  if (!condition) throw new ScenarioFailure(reason);
}

/** Fails unless the answer has one of `statuses`, quoting the error the API gave, if any. */
export function expectStatus(response: ApiResponse, ...statuses: readonly number[]): void {
  if (statuses.includes(response.status)) return;
  const error = (response.body as Partial<ErrorBody> | undefined)?.error;
  const quoted = error === undefined ? '' : `: ${error.code} ${error.message}`;
  throw new ScenarioFailure(
    `${response.route} answered ${response.status}, expected ${statuses.join(' or ')}${quoted}`,
  );
}

/** The error body of an answer the contract validated as an error. */
export const errorOf = (response: ApiResponse): ErrorBody['error'] => (response.body as ErrorBody).error;

/** Fails unless the error has `code`. */
export function expectErrorCode(response: ApiResponse, code: string): void {
  const error = errorOf(response);
  expectThat(
    error.code === code,
    `${response.route} answered ${error.code} (${error.message}), expected ${code}`,
  );
}
