import type { LeafValue } from '../../../event-patterns';
import type { PatternVocabulary } from './pattern-vocabulary';
import type { SeededRandom } from './seeded-random';

type Json = LeafValue | Json[] | { [key: string]: Json };

/**
 * A random event made of the vocabulary's paths and values, with the shapes that make matching
 * hard: arrays of scalars (with repeats), arrays of objects (fields that must come from one
 * element), dotted keys standing for nested objects, empty keys, empty arrays and objects where
 * a scalar is expected. Some start as a copy of one of the vocabulary's events, so patterns with
 * many fields match too, or just miss.
 */
export const randomEvent = (random: SeededRandom, vocabulary: PatternVocabulary): Record<string, Json> => {
  const fromSample = vocabulary.events.length > 0 && random.chance(0.4);
  const event = structuredClone(fromSample ? random.pick(vocabulary.events) : {}) as Record<string, Json>;
  if (fromSample && random.chance(0.5)) {
    splitIntoElements(event, random, vocabulary);
  } else {
    const fields = 1 + random.int(5);
    for (let i = 0; i < fields; i++) {
      const path = random.pick(vocabulary.paths);
      place(event, path.split('.'), randomValue(random, vocabulary, path), random);
    }
  }
  // A top-level "" key adds nothing to the paths below it ({"": {"a": 1}} is the field "a").
  return random.chance(0.05) ? { '': event } : event;
};

function randomValue(random: SeededRandom, vocabulary: PatternVocabulary, path: string): Json {
  const roll = random.int(20);
  if (roll === 0) return [];
  if (roll === 1) return {};
  const pickValue = (): LeafValue =>
    random.pick(
      random.chance(0.8) ? (vocabulary.valuesByPath.get(path) ?? vocabulary.values) : vocabulary.values,
    );
  if (roll === 2) {
    const repeated = pickValue();
    return [repeated, repeated];
  }
  if (roll < 5) return Array.from({ length: 1 + random.int(3) }, pickValue);
  return pickValue();
}

/**
 * Replaces one object of the event (the root excepted) with two copies, each with a different
 * member changed, so that fields one pattern requires together may end up in different elements
 * of an array: each field is still satisfied somewhere, but no element satisfies them all.
 */
function splitIntoElements(
  event: Record<string, Json>,
  random: SeededRandom,
  vocabulary: PatternVocabulary,
): void {
  const candidates: Array<{ parent: Record<string, Json>; key: string; object: Record<string, Json> }> = [];
  const visit = (parent: Record<string, Json>): void => {
    for (const [key, value] of Object.entries(parent)) {
      if (!isObject(value)) continue;
      if (Object.keys(value).length >= 2) candidates.push({ parent, key, object: value });
      visit(value);
    }
  };
  visit(event);
  if (candidates.length === 0) return;
  const { parent, key, object } = random.pick(candidates);
  const keys = Object.keys(object);
  const first = random.int(keys.length);
  const second = (first + 1 + random.int(keys.length - 1)) % keys.length;
  parent[key] = [first, second].map((changed) => {
    const element = structuredClone(object);
    element[keys[changed] as string] = random.pick(vocabulary.values);
    return element;
  });
}

function place(
  target: Record<string, Json>,
  segments: readonly string[],
  value: Json,
  random: SeededRandom,
): void {
  const [head, ...rest] = segments;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  if (random.chance(0.1)) {
    // {"a.b": 1} is the same field as {"a": {"b": 1}} to a pattern.
    target[segments.join('.')] = value;
    return;
  }
  const existing = target[head];
  if (Array.isArray(existing) && existing.length > 0) {
    const element = random.chance(0.5) ? undefined : existing[random.int(existing.length)];
    if (isObject(element)) {
      place(element, rest, value, random);
    } else {
      const fresh: Record<string, Json> = {};
      place(fresh, rest, value, random);
      existing.push(fresh);
    }
    return;
  }
  if (isObject(existing)) {
    place(existing, rest, value, random);
    return;
  }
  const child: Record<string, Json> = {};
  place(child, rest, value, random);
  target[head] = random.chance(0.2) ? [child] : child;
}

function isObject(value: Json | undefined): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
