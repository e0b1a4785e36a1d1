import { expandEventPattern, flattenEvent, type LeafValue } from '../../../event-patterns';
import { isPatternArray, isPatternObject, type PatternJson } from '../../../event-patterns/pattern-json';

/** The field paths and scalar values that random events are made of. */
export interface PatternVocabulary {
  readonly paths: readonly string[];
  /** The values mentioned at each path, with their near misses. */
  readonly valuesByPath: ReadonlyMap<string, readonly LeafValue[]>;
  /** Every value of every path, for values a path's rules never mention. */
  readonly values: readonly LeafValue[];
  /** The events the vocabulary was drawn from, to start random events near real ones. */
  readonly events: readonly unknown[];
}

/**
 * Collects the paths and values that patterns and events mention, plus near misses of each value
 * (other case, one character more or less, neighbouring numbers), so random events built from
 * them hit every operator on both sides of its boundary.
 */
export const patternVocabulary = (
  patterns: readonly string[],
  events: readonly unknown[],
): PatternVocabulary => {
  const byPath = new Map<string, Set<LeafValue>>();
  const valuesAt = (path: string): Set<LeafValue> => {
    let values = byPath.get(path);
    if (!values) {
      values = new Set<LeafValue>([null, true, false, 0, '']);
      byPath.set(path, values);
    }
    return values;
  };
  for (const pattern of patterns) {
    for (const conjunction of expandEventPattern(pattern)) {
      for (const [path, items] of conjunction) {
        for (const item of items) addScalars(item, valuesAt(path));
      }
    }
  }
  for (const event of events) {
    for (const [path, leaves] of flattenEvent(event)) {
      for (const leaf of leaves) valuesAt(path).add(leaf.value);
    }
  }
  const valuesByPath = new Map([...byPath].map(([path, values]) => [path, [...values].flatMap(nearMisses)]));
  return {
    paths: [...byPath.keys()].sort(),
    valuesByPath,
    values: [...new Set([...valuesByPath.values()].flat())],
    events,
  };
};

/** Every scalar inside a pattern value, including operator operands (prefixes, bounds, CIDRs). */
function addScalars(item: PatternJson, values: Set<LeafValue>): void {
  if (isPatternArray(item)) for (const inner of item.items) addScalars(inner, values);
  else if (isPatternObject(item)) for (const [, inner] of item.entries) addScalars(inner, values);
  else values.add(item);
}

function nearMisses(value: LeafValue): LeafValue[] {
  if (typeof value === 'number') return [value, value - 1, value + 1, value + 0.5, -value];
  if (typeof value !== 'string') return [value];
  const literal = value.replace(/\*/g, 'zz');
  const address = value.split('/')[0] ?? value;
  return [
    value,
    value.toUpperCase(),
    value.toLowerCase(),
    `${value}x`,
    `X${value}`,
    value.slice(1),
    value.slice(0, -1),
    literal,
    address,
  ];
}
