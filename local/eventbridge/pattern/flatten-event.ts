/** A JSON scalar found at a leaf of an event: what pattern operators test. */
export type LeafValue = string | number | boolean | null;

/**
 * One scalar of an event with the array elements it sits in. `arrays` holds pairs
 * `[arrayId, elementIndex]` (flattened) so that fields matched together come from the same
 * element of an array of objects, as AWS requires; it is empty for the common array-free case.
 */
export interface EventLeaf {
  readonly value: LeafValue;
  readonly arrays: readonly number[];
}

/**
 * An event flattened to dotted paths (`detail.state`), each with its scalars. AWS matches on
 * such paths, which is why `{"a": {"b": 1}}` and `{"a.b": 1}` are the same field to a pattern.
 */
export type FlatEvent = ReadonlyMap<string, readonly EventLeaf[]>;

const NO_ARRAYS: readonly number[] = [];

/** Flattens a parsed event once, so many compiled patterns can test it without walking it again. */
export function flattenEvent(event: unknown): FlatEvent {
  const leaves = new Map<string, EventLeaf[]>();
  let nextArrayId = 0;

  const visit = (value: unknown, path: string, arrays: readonly number[]): void => {
    if (Array.isArray(value)) {
      const arrayId = nextArrayId++;
      value.forEach((item, index) => {
        visit(item, path, [...arrays, arrayId, index]);
      });
      return;
    }
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        visit(child, path === '' ? key : `${path}.${key}`, arrays);
      }
      return;
    }
    if (path === '') return;
    if (
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      value === null
    ) {
      let list = leaves.get(path);
      if (!list) {
        list = [];
        leaves.set(path, list);
      }
      list.push({ value, arrays: arrays.length === 0 ? NO_ARRAYS : arrays });
    }
  };

  visit(event, '', NO_ARRAYS);
  return leaves;
}
