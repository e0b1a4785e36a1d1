/** A plain JSON object: not null, not an array. Templates and request bodies are checked with it. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
