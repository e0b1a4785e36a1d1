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
  const state = { nextArrayId: 0 };
  visit(event, '', NO_ARRAYS, leaves, state);
  return leaves;
}

// Plain loops and a shared state object: this runs once per event per PutEvents entry.
function visit(
  value: unknown,
  path: string,
  arrays: readonly number[],
  leaves: Map<string, EventLeaf[]>,
  state: { nextArrayId: number },
): void {
  if (value === null || typeof value !== 'object') {
    if (path === '' || value === undefined) return;
    const list = leaves.get(path);
    const leaf = { value: value as LeafValue, arrays };
    if (list) list.push(leaf);
    else leaves.set(path, [leaf]);
    return;
  }
  if (Array.isArray(value)) {
    const arrayId = state.nextArrayId++;
    for (let index = 0; index < value.length; index++) {
      visit(value[index], path, [...arrays, arrayId, index], leaves, state);
    }
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    visit(record[key], path === '' ? key : `${path}.${key}`, arrays, leaves, state);
  }
}
