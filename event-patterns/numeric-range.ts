import { EventPatternError } from './event-pattern-error';
import { isPatternArray, type PatternJson } from './pattern-json';
import type { ValuePredicate } from './value-predicate';

const LOWER = new Set(['>', '>=']);
const UPPER = new Set(['<', '<=']);

interface Bound {
  readonly value: number;
  readonly inclusive: boolean;
}

/**
 * Compiles the value of a `numeric` operator: `["=", 5]`, one lower bound (`>`, `>=`), one
 * upper bound (`<`, `<=`), or one of each. Only JSON numbers in the event match, never strings
 * that look like numbers, as in AWS.
 * @throws EventPatternError with AWS's reason when the expression is malformed.
 */
export function compileNumericRange(expression: PatternJson): ValuePredicate {
  if (!isPatternArray(expression)) throw new EventPatternError('Value of numeric must be an array.');
  const items = expression.items;
  if (items.length === 0) throw new EventPatternError('Empty arrays are not allowed');
  let lower: Bound | undefined;
  let upper: Bound | undefined;
  let equals: number | undefined;

  for (let i = 0; i < items.length; i += 2) {
    const operator = items[i];
    if (typeof operator !== 'string') {
      throw new EventPatternError(`Unrecognized numeric range operator: ${String(operator)}`);
    }
    const isKnown = operator === '=' || LOWER.has(operator) || UPPER.has(operator);
    if (!isKnown) throw new EventPatternError(`Unrecognized numeric range operator: ${operator}`);
    const operand = items[i + 1];
    if (typeof operand !== 'number' || !Number.isFinite(operand)) {
      throw new EventPatternError(`Value of ${operator} must be numeric`);
    }
    const alreadyBounded = equals !== undefined || (i > 0 && operator === '=');
    if (alreadyBounded || (LOWER.has(operator) && lower) || (UPPER.has(operator) && upper)) {
      throw new EventPatternError(`Bad numeric range operator: ${operator}`);
    }
    if (operator === '=') equals = operand;
    else if (LOWER.has(operator)) lower = { value: operand, inclusive: operator === '>=' };
    else upper = { value: operand, inclusive: operator === '<=' };
  }

  if (equals !== undefined) {
    const target = equals;
    return (value) => typeof value === 'number' && value === target;
  }
  if (lower && upper && lower.value >= upper.value) {
    throw new EventPatternError('Bottom must be less than top');
  }
  // A missing bound becomes an inclusive infinite one, so the test is two comparisons, no branches on it.
  const bottom = lower?.value ?? Number.NEGATIVE_INFINITY;
  const bottomIncluded = lower?.inclusive ?? true;
  const top = upper?.value ?? Number.POSITIVE_INFINITY;
  const topIncluded = upper?.inclusive ?? true;
  return (value) =>
    typeof value === 'number' &&
    !(bottomIncluded ? value < bottom : value <= bottom) &&
    !(topIncluded ? value > top : value >= top);
}
