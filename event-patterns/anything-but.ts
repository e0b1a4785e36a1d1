import { EventPatternError } from './event-pattern-error';
import { isPatternArray, isPatternObject, type PatternJson } from './pattern-json';
import { equalsIgnoreCasePredicate, prefixPredicate, suffixPredicate } from './string-predicates';
import type { ValuePredicate } from './value-predicate';
import { compileWildcard } from './wildcard';

const BAD_VALUE = 'Value of anything-but must be an array or single string/number value.';

/**
 * Compiles the value of an `anything-but` operator: a string or number, a list of them, or an
 * object with one of `prefix`, `suffix`, `equals-ignore-case`, `wildcard` (each a string or a
 * list of strings). The result matches any present value the inner operator does not match,
 * including `null` and values of another type; a missing field never matches (AWS semantics).
 * @throws EventPatternError with AWS's reason when the value is not allowed.
 */
export function compileAnythingBut(value: PatternJson): ValuePredicate {
  if (typeof value === 'string' || typeof value === 'number') return noneOf([value]);
  if (isPatternArray(value)) {
    if (value.items.length === 0) throw new EventPatternError('Empty arrays are not allowed');
    const values: Array<string | number> = [];
    for (const item of value.items) {
      if (typeof item !== 'string' && typeof item !== 'number') {
        throw new EventPatternError('Inside anything but list, start|null|boolean is not supported.');
      }
      values.push(item);
    }
    return noneOf(values);
  }
  if (!isPatternObject(value) || value.entries.length !== 1) throw new EventPatternError(BAD_VALUE);
  const [operator, operand] = value.entries[0] as readonly [string, PatternJson];
  switch (operator) {
    case 'prefix':
    case 'suffix':
      return negate(
        anyOf(stringList(operand, 'prefix/suffix match pattern must be a string', true), (text) => {
          if (text === '') throw new EventPatternError('Null prefix/suffix not allowed');
          return operator === 'prefix' ? prefixPredicate(text, false) : suffixPredicate(text, false);
        }),
      );
    case 'equals-ignore-case':
      return negate(
        anyOf(
          stringList(
            operand,
            'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
          ),
          equalsIgnoreCasePredicate,
        ),
      );
    case 'wildcard':
      return negate(anyOf(stringList(operand, 'wildcard match pattern must be a string'), compileWildcard));
    default:
      throw new EventPatternError(`Unsupported anything-but pattern: ${operator}`);
  }
}

/** Reads a string or a non-empty list of strings; `objectIsBadValue` mirrors AWS's message for nested operators. */
function stringList(operand: PatternJson, message: string, objectIsBadValue = false): string[] {
  if (typeof operand === 'string') return [operand];
  if (isPatternArray(operand)) {
    if (operand.items.length === 0) throw new EventPatternError('Empty arrays are not allowed');
    return operand.items.map((item) => {
      if (typeof item !== 'string') throw new EventPatternError(message);
      return item;
    });
  }
  if (objectIsBadValue && isPatternObject(operand)) throw new EventPatternError(BAD_VALUE);
  throw new EventPatternError(message);
}

function anyOf(texts: readonly string[], compile: (text: string) => ValuePredicate): ValuePredicate {
  const predicates = texts.map(compile);
  return (value) => predicates.some((predicate) => predicate(value));
}

/** The most common form, so one closure rather than a negated one: rule sets test it for every event. */
function noneOf(values: ReadonlyArray<string | number>): ValuePredicate {
  const set = new Set<string | number>(values);
  return (value) => !((typeof value === 'string' || typeof value === 'number') && set.has(value));
}

function negate(predicate: ValuePredicate): ValuePredicate {
  return (value) => !predicate(value);
}
