import { UsageError } from './errors';

/** The range a whole-number option may take, and the value its error suggests (`min` without one). */
export interface WholeNumberBounds {
  readonly min: number;
  readonly max: number;
  readonly fallback?: number;
}

/**
 * `value` when it is a whole number within bounds, or a usage error naming the option `--<name>`
 * and the bounds. `given` is what the caller passed, as the error quotes it: the raw text of a
 * command-line option, or the number itself.
 */
export function checkWholeNumber(
  name: string,
  value: number,
  bounds: WholeNumberBounds,
  given: string = String(value),
): number {
  if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) {
    throw new UsageError(
      `--${name} must be a whole number from ${bounds.min} to ${bounds.max} (given ${given})`,
      `pass e.g. --${name} ${bounds.fallback ?? bounds.min}`,
    );
  }
  return value;
}
