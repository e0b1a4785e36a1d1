import type { ValuePredicate } from './value-predicate';

/*
 * Case-insensitive comparisons fold with toLowerCase on both sides; AWS documents
 * equals-ignore-case as ignoring "the case of the characters", which this covers for the
 * letters that have one lower-case form.
 */

/** Matches strings that start with `prefix`. */
export function prefixPredicate(prefix: string, ignoreCase: boolean): ValuePredicate {
  if (!ignoreCase) return (value) => typeof value === 'string' && value.startsWith(prefix);
  const folded = prefix.toLowerCase();
  return (value) => typeof value === 'string' && value.toLowerCase().startsWith(folded);
}

/** Matches strings that end with `suffix`. */
export function suffixPredicate(suffix: string, ignoreCase: boolean): ValuePredicate {
  if (!ignoreCase) return (value) => typeof value === 'string' && value.endsWith(suffix);
  const folded = suffix.toLowerCase();
  return (value) => typeof value === 'string' && value.toLowerCase().endsWith(folded);
}

/** Matches strings equal to `expected` regardless of case. */
export function equalsIgnoreCasePredicate(expected: string): ValuePredicate {
  const folded = expected.toLowerCase();
  return (value) => typeof value === 'string' && value.toLowerCase() === folded;
}
