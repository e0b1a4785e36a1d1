/**
 * The JSON tree of an event pattern. Objects keep their members as an ordered list of entries,
 * not as a record, because a pattern may repeat a key and AWS merges the repeated key's values
 * (a plain `JSON.parse` would keep only the last one).
 */
export type PatternJson = string | number | boolean | null | PatternJsonArray | PatternJsonObject;

/** A JSON array in a pattern. */
export interface PatternJsonArray {
  readonly kind: 'array';
  readonly items: readonly PatternJson[];
}

/** A JSON object in a pattern, with repeated keys kept in source order. */
export interface PatternJsonObject {
  readonly kind: 'object';
  readonly entries: ReadonlyArray<readonly [string, PatternJson]>;
}

/** True for a pattern JSON object. */
export function isPatternObject(value: PatternJson): value is PatternJsonObject {
  return typeof value === 'object' && value !== null && value.kind === 'object';
}

/** True for a pattern JSON array. */
export function isPatternArray(value: PatternJson): value is PatternJsonArray {
  return typeof value === 'object' && value !== null && value.kind === 'array';
}
