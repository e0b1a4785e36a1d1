import { CompiledEventPattern, type FieldCondition } from './compiled-event-pattern';
import { EventPatternError } from './event-pattern-error';
import { FieldMatcher } from './field-matcher';
import { parsePatternJson } from './parse-pattern-json';
import { isPatternArray, isPatternObject, type PatternJson, type PatternJsonObject } from './pattern-json';

/*
 * Why this engine is hand-written: no maintained JavaScript library implements EventBridge's
 * event-pattern semantics (AWS's own implementation, event-ruler, is Java). Generic JSON
 * matchers (sift, json-logic, JSONPath) differ on arrays, missing fields, dotted paths and the
 * operator set, and none validates with AWS's messages.
 */

/** Above this many `$or` alternatives a pattern is refused instead of compiled. */
const MAX_ALTERNATIVES = 1000;

type Conjunction = Map<string, PatternJson[]>;

/** One alternative of a pattern: every dotted field path it constrains, with the values OR-ed there. */
export type PatternConjunction = ReadonlyMap<string, readonly PatternJson[]>;

/**
 * Validates and compiles an event pattern given as JSON text, as PutRule and TestEventPattern
 * receive it.
 * @throws EventPatternError with AWS's reason when the pattern is invalid.
 */
export function compileEventPattern(text: string): CompiledEventPattern {
  return new CompiledEventPattern(expandPattern(text).map(toConditions));
}

/**
 * A valid pattern in disjunctive normal form: it matches when every field of one alternative
 * matches. `$or` (at any depth) yields several alternatives, a plain pattern one.
 * @throws EventPatternError with AWS's reason when the pattern is invalid.
 */
export function expandEventPattern(text: string): PatternConjunction[] {
  const conjunctions = expandPattern(text);
  // Compiling validates every value and operator, which expansion alone does not look at.
  conjunctions.forEach(toConditions);
  return conjunctions;
}

function expandPattern(text: string): Conjunction[] {
  const root = parsePatternJson(text);
  if (!isPatternObject(root)) throw new EventPatternError('Filter is not an object');
  return expandObject(root, '');
}

function toConditions(conjunction: Conjunction): FieldCondition[] {
  return [...conjunction].map(([path, items]) => {
    const matcher = new FieldMatcher();
    matcher.addAll(items);
    return { path, matcher };
  });
}

/** Expands one pattern object into OR-ed conjunctions of (path -> accepted values). */
function expandObject(object: PatternJsonObject, prefix: string): Conjunction[] {
  if (object.entries.length === 0) throw new EventPatternError('Empty objects are not allowed');
  let conjunctions: Conjunction[] = [new Map()];
  for (const [key, value] of object.entries) {
    if (key === '$or' && isPatternArray(value)) {
      conjunctions = crossProduct(conjunctions, expandOr(value.items, prefix));
    } else {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (isPatternArray(value)) {
        if (value.items.length === 0) throw new EventPatternError('Empty arrays are not allowed');
        for (const conjunction of conjunctions) appendItems(conjunction, path, value.items);
      } else if (isPatternObject(value)) {
        conjunctions = crossProduct(conjunctions, expandObject(value, path));
      } else {
        throw new EventPatternError(`"${key}" must be an object or an array`);
      }
    }
    if (conjunctions.length > MAX_ALTERNATIVES) throw new EventPatternError('Rule is too complex');
  }
  return conjunctions;
}

function expandOr(branches: readonly PatternJson[], prefix: string): Conjunction[] {
  if (branches.length < 2) throw new EventPatternError('Or relationship must have at least 2 objects');
  return branches.flatMap((branch) => {
    if (!isPatternObject(branch)) throw new EventPatternError('Or relationship must contain only objects');
    return expandObject(branch, prefix);
  });
}

/** Every combination of one conjunction from each side; a path on both sides keeps both value lists (OR). */
function crossProduct(left: readonly Conjunction[], right: readonly Conjunction[]): Conjunction[] {
  const result: Conjunction[] = [];
  for (const a of left) {
    for (const b of right) {
      const merged: Conjunction = new Map([...a].map(([path, items]) => [path, [...items]]));
      for (const [path, items] of b) appendItems(merged, path, items);
      result.push(merged);
    }
  }
  return result;
}

function appendItems(conjunction: Conjunction, path: string, items: readonly PatternJson[]): void {
  const existing = conjunction.get(path);
  if (existing) existing.push(...items);
  else conjunction.set(path, [...items]);
}
