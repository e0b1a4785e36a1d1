import type { TargetRecord } from '../records/eventbridge-records';

/** AWS's defaults when a target has no RetryPolicy. */
export const DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 185;
export const DEFAULT_MAXIMUM_EVENT_AGE_SECONDS = 86_400;

/** How long to wait between delivery attempts. */
export interface BackoffOptions {
  /** Wait before the first retry; doubles on each further retry. */
  readonly baseDelayMs: number;
  /** Upper bound of one wait. */
  readonly maxDelayMs: number;
}

/** A target's effective retry policy. */
export interface RetryLimits {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeMs: number;
}

/** The target's RetryPolicy with AWS's defaults filled in. */
export function retryLimitsOf(target: TargetRecord): RetryLimits {
  return {
    maximumRetryAttempts: target.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_MAXIMUM_RETRY_ATTEMPTS,
    maximumEventAgeMs:
      (target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_MAXIMUM_EVENT_AGE_SECONDS) * 1000,
  };
}

/**
 * Exponential backoff with jitter (half fixed, half random), like AWS's retries: spreading attempts keeps a
 * recovering target from being hit by every pending event at the same instant.
 */
export function nextRetryDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
