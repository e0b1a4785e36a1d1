import type { FieldMatcher } from './field-matcher';
import { type EventLeaf, type FlatEvent, flattenEvent } from './flatten-event';

/** One field of a conjunction: the dotted path and what it accepts there. */
export interface FieldCondition {
  readonly path: string;
  readonly matcher: FieldMatcher;
}

/**
 * A validated event pattern in disjunctive normal form: it matches when every field of at least
 * one alternative matches (`$or` produces several alternatives, plain patterns one).
 * Compile once with `compileEventPattern`, then test many events.
 */
export class CompiledEventPattern {
  /** @param alternatives conjunctions of field conditions, OR-ed together. */
  constructor(readonly alternatives: ReadonlyArray<readonly FieldCondition[]>) {}

  /** Tests an event already flattened with `flattenEvent` (share one flattening across rules). */
  matchesFlat(event: FlatEvent): boolean {
    return this.alternatives.some((fields) => matchFrom(fields, 0, event, []));
  }

  /** Tests one alternative alone (an index into `alternatives`) against a flattened event. */
  matchesAlternativeFlat(alternative: number, event: FlatEvent): boolean {
    const fields = this.alternatives[alternative];
    return fields !== undefined && matchFrom(fields, 0, event, []);
  }

  /** Tests a parsed event object. */
  matches(event: unknown): boolean {
    return this.matchesFlat(flattenEvent(event));
  }
}

/**
 * Depth-first over the fields: a scalar inside an array of objects only combines with scalars
 * from the same array element (tracked in `membership` as [arrayId, index] pairs), so two fields
 * cannot be satisfied by two different elements. Array-free events never branch here.
 */
function matchFrom(
  fields: readonly FieldCondition[],
  index: number,
  event: FlatEvent,
  membership: readonly number[],
): boolean {
  const field = fields[index];
  if (!field) return true;
  const leaves = event.get(field.path);
  if (!leaves || leaves.length === 0) {
    return field.matcher.matchesAbsent && matchFrom(fields, index + 1, event, membership);
  }
  for (const leaf of leaves) {
    if (!field.matcher.test(leaf.value)) continue;
    if (leaf.arrays.length === 0) {
      if (matchFrom(fields, index + 1, event, membership)) return true;
      continue;
    }
    const merged = mergeMembership(membership, leaf);
    if (merged && matchFrom(fields, index + 1, event, merged)) return true;
  }
  return false;
}

/** Adds the leaf's array positions to the membership, or returns undefined if they conflict. */
function mergeMembership(membership: readonly number[], leaf: EventLeaf): readonly number[] | undefined {
  const merged = [...membership];
  for (let i = 0; i < leaf.arrays.length; i += 2) {
    const arrayId = leaf.arrays[i] as number;
    const element = leaf.arrays[i + 1] as number;
    let known = false;
    for (let j = 0; j < merged.length; j += 2) {
      if (merged[j] === arrayId) {
        if (merged[j + 1] !== element) return undefined;
        known = true;
        break;
      }
    }
    if (!known) merged.push(arrayId, element);
  }
  return merged;
}
