/** JSON for `--json`: two-space indented, one document per run, newline-terminated. */
/** One JSON document; sets (DynamoDB string sets in records) become sorted arrays, not `{}`. */
export const toJson = (value: unknown): string =>
  `${JSON.stringify(value, (_key, item: unknown) => (item instanceof Set ? [...item].sort() : item), 2)}\n`;

/** A duration in seconds as an operator reads it: `42s`, `7m 12s`, `3h 5m`, `2d 4h`. */
export function formatAge(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}

/** Compact JSON for one table cell or line, cut to `max` characters. */
export function oneLine(value: unknown, max = 200): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** An epoch-milliseconds string (as SQS attributes carry times) as ISO 8601, or undefined. */
export function epochMillisToIso(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const ms = Number(raw);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}
