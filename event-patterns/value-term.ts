import type { LeafValue } from './flatten-event';
import type { ValuePredicate } from './value-predicate';

/**
 * One item of a field's pattern array, described by what it accepts so a rule set can index it:
 * exact values and string affixes become map keys; other operators stay predicates, grouped by
 * the only JSON type they can accept (`any` for those, like `anything-but`, that accept several).
 */
export type ValueTerm =
  | { readonly kind: 'exact'; readonly value: LeafValue }
  | { readonly kind: 'equals-ignore-case'; readonly folded: string }
  /** `text` is lower-cased when `ignoreCase`, as the value it is compared with will be. */
  | { readonly kind: 'prefix' | 'suffix'; readonly text: string; readonly ignoreCase: boolean }
  | { readonly kind: 'present' }
  | { readonly kind: 'test'; readonly accepts: 'string' | 'number' | 'any'; readonly test: ValuePredicate };
