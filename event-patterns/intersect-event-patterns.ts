import { expandEventPattern, type PatternConjunction } from './compile-event-pattern';
import { FieldMatcher } from './field-matcher';
import { isPatternArray, isPatternObject, type PatternJson } from './pattern-json';

/*
 * Written by hand for the same reason as the engine: nothing outside EventBridge knows its
 * pattern semantics. Used where one rule must match what two patterns both match, e.g. a
 * replay narrowed by an operator's pattern on top of a subscription's own pattern.
 */

/** Both patterns constrain one field in ways a single EventBridge pattern cannot express together. */
export class PatternIntersectionError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'PatternIntersectionError';
  }
}

type Scalar = string | number | boolean | null;

/**
 * The pattern (JSON text) that matches the events both patterns match, or undefined when no
 * event can match both. Alternatives are paired (`$or` on either side becomes a top-level
 * `$or`). A field both sides constrain keeps the exact values one side lists that the other
 * side accepts; two numeric ranges become one range; `exists` combines with anything. A field
 * of an event that is an array is treated like a single value: an event whose array satisfies
 * each side only with different elements is not matched.
 * @throws EventPatternError when either pattern is invalid.
 * @throws PatternIntersectionError when both sides constrain one field with other operators.
 */
export function intersectEventPatterns(left: string, right: string): string | undefined {
  const rightAlternatives = expandEventPattern(right);
  const alternatives = new Map<string, Record<string, unknown>>();
  for (const a of expandEventPattern(left)) {
    for (const b of rightAlternatives) {
      const both = intersectConjunctions(a, b);
      if (both === undefined) continue;
      const pattern = toPatternObject(both);
      alternatives.set(JSON.stringify(pattern), pattern);
    }
  }
  const patterns = [...alternatives.values()];
  if (patterns.length === 0) return undefined;
  return JSON.stringify(patterns.length === 1 ? patterns[0] : { $or: patterns });
}

function intersectConjunctions(a: PatternConjunction, b: PatternConjunction): PatternConjunction | undefined {
  const merged = new Map(a);
  for (const [path, items] of b) {
    const existing = merged.get(path);
    if (existing === undefined) {
      merged.set(path, items);
      continue;
    }
    const both = intersectValues(path, existing, items);
    if (both === undefined) return undefined;
    merged.set(path, both);
  }
  return merged;
}

/** What one field accepts under both value lists; undefined when no value satisfies both. */
function intersectValues(
  path: string,
  left: readonly PatternJson[],
  right: readonly PatternJson[],
): readonly PatternJson[] | undefined {
  if (sameValues(left, right)) return left;
  const exact = allScalars(left)
    ? { values: left, other: right }
    : allScalars(right)
      ? { values: right, other: left }
      : undefined;
  if (exact === undefined) {
    const combined = intersectOperators(left, right) ?? intersectOperators(right, left);
    if (combined !== undefined) return combined.length > 0 ? combined : undefined;
    throw new PatternIntersectionError(
      path,
      `both patterns match "${path}" with operators (${JSON.stringify(left.map(toPlain))} and ${JSON.stringify(right.map(toPlain))}), that no single pattern can require together`,
    );
  }
  const matcher = new FieldMatcher();
  matcher.addAll(exact.other);
  const kept = exact.values.filter((value) => matcher.test(value));
  return kept.length > 0 ? kept : undefined;
}

/** The single operator a value list consists of (`[{"numeric": [...]}]`), if that is all it is. */
function soleOperator(values: readonly PatternJson[]): { name: string; operand: PatternJson } | undefined {
  const [only] = values;
  if (values.length !== 1 || only === undefined || !isPatternObject(only) || only.entries.length !== 1)
    return undefined;
  const [name, operand] = only.entries[0] as readonly [string, PatternJson];
  return { name, operand };
}

const isExistsFalse = (value: PatternJson): boolean => {
  const op = soleOperator([value]);
  return op?.name === 'exists' && op.operand === false;
};

/**
 * Operator pairs one list can still express: `exists` on one side, or a numeric range on both.
 * Answers the combined list (empty when nothing satisfies both), or undefined when `sole` is
 * not such an operator.
 */
function intersectOperators(
  sole: readonly PatternJson[],
  other: readonly PatternJson[],
): readonly PatternJson[] | undefined {
  const op = soleOperator(sole);
  if (op?.name === 'exists' && op.operand === true) {
    // Present with any value: the other side's values, less its "absent" alternative.
    return other.filter((value) => !isExistsFalse(value));
  }
  if (op?.name === 'exists' && op.operand === false) {
    const matcher = new FieldMatcher();
    matcher.addAll(other);
    return matcher.matchesAbsent ? sole : [];
  }
  const otherOp = soleOperator(other);
  if (op?.name === 'numeric' && otherOp?.name === 'numeric') {
    const range = intersectRanges(parseRange(op.operand), parseRange(otherOp.operand));
    if (range === undefined) return [];
    return [{ kind: 'object', entries: [['numeric', { kind: 'array', items: rangeItems(range) }]] }];
  }
  return undefined;
}

interface Bound {
  readonly value: number;
  readonly inclusive: boolean;
}

interface Range {
  readonly lower?: Bound;
  readonly upper?: Bound;
}

/** A valid `numeric` operand (checked by the engine) as bounds; `=` is both bounds, inclusive. */
function parseRange(operand: PatternJson): Range {
  const items = isPatternArray(operand) ? operand.items : [];
  let range: Range = {};
  for (let i = 0; i + 1 < items.length; i += 2) {
    const symbol = items[i];
    const value = items[i + 1] as number;
    if (symbol === '=') range = { lower: { value, inclusive: true }, upper: { value, inclusive: true } };
    else if (symbol === '>' || symbol === '>=')
      range = { ...range, lower: { value, inclusive: symbol === '>=' } };
    else range = { ...range, upper: { value, inclusive: symbol === '<=' } };
  }
  return range;
}

/** The tighter bound of each side; undefined when no number lies in both ranges. */
function intersectRanges(a: Range, b: Range): Range | undefined {
  const lower = tighter(a.lower, b.lower, (x, y) => x > y);
  const upper = tighter(a.upper, b.upper, (x, y) => x < y);
  if (lower && upper) {
    if (lower.value > upper.value) return undefined;
    if (lower.value === upper.value && !(lower.inclusive && upper.inclusive)) return undefined;
  }
  return { ...(lower && { lower }), ...(upper && { upper }) };
}

function tighter(
  a: Bound | undefined,
  b: Bound | undefined,
  isStricterValue: (x: number, y: number) => boolean,
): Bound | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (a.value === b.value) return { value: a.value, inclusive: a.inclusive && b.inclusive };
  return isStricterValue(a.value, b.value) ? a : b;
}

function rangeItems({ lower, upper }: Range): PatternJson[] {
  if (lower && upper && lower.value === upper.value) return ['=', lower.value];
  return [
    ...(lower ? [lower.inclusive ? '>=' : '>', lower.value] : []),
    ...(upper ? [upper.inclusive ? '<=' : '<', upper.value] : []),
  ];
}

function allScalars(values: readonly PatternJson[]): values is readonly Scalar[] {
  return values.every((value) => value === null || typeof value !== 'object');
}

function sameValues(left: readonly PatternJson[], right: readonly PatternJson[]): boolean {
  const key = (values: readonly PatternJson[]) =>
    JSON.stringify(values.map((v) => JSON.stringify(toPlain(v))).sort());
  return key(left) === key(right);
}

/** Nests the dotted paths back into pattern JSON: `detail.amount` -> {"detail": {"amount": [...]}}. */
function toPatternObject(conjunction: PatternConjunction): Record<string, unknown> {
  // Null prototypes: a pattern may name any key, "__proto__" included.
  const root: Record<string, unknown> = Object.create(null);
  const paths = [...conjunction.keys()].sort();
  for (const path of paths) {
    const keys = path.split('.');
    const leafKey = keys.pop() as string;
    let node = root;
    for (const [depth, key] of keys.entries()) {
      const child = node[key];
      if (Array.isArray(child)) throw nestingConflict(keys.slice(0, depth + 1).join('.'), path);
      if (child === undefined) {
        const created: Record<string, unknown> = Object.create(null);
        node[key] = created;
        node = created;
      } else {
        node = child as Record<string, unknown>;
      }
    }
    if (node[leafKey] !== undefined) throw nestingConflict(path, path);
    node[leafKey] = (conjunction.get(path) ?? []).map(toPlain);
  }
  return root;
}

function nestingConflict(leafPath: string, nestedPath: string): PatternIntersectionError {
  return new PatternIntersectionError(
    leafPath,
    `one pattern matches "${leafPath}" as a value and the other matches "${nestedPath}" inside it; no single pattern can require both`,
  );
}

function toPlain(value: PatternJson): unknown {
  if (isPatternArray(value)) return value.items.map(toPlain);
  if (isPatternObject(value)) {
    const plain: Record<string, unknown> = Object.create(null);
    for (const [key, item] of value.entries) plain[key] = toPlain(item);
    return plain;
  }
  return value;
}
