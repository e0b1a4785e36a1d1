/** Shown where a value is unknown, rather than a misleading zero. */
export const NOT_AVAILABLE = '—';

/** A number with leading zeros to `width` digits, as clocks and dates show them. */
export const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** Local wall-clock time with milliseconds, `14:03:07.215`: what a log or timeline reader compares. */
export function formatClock(at: number | string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** Local date and time, `2025-03-01 14:03:07`; the input as given when it is not a date. */
export function formatDateTime(at: number | string | null | undefined): string {
  if (at === null || at === undefined) return NOT_AVAILABLE;
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** An age in the largest two units that matter: `42 s`, `3 min 5 s`, `2 h 10 min`. */
export function formatAge(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return NOT_AVAILABLE;
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  if (whole < 86_400) return `${Math.floor(whole / 3600)} h ${Math.floor((whole % 3600) / 60)} min`;
  return `${Math.floor(whole / 86_400)} d ${Math.floor((whole % 86_400) / 3600)} h`;
}

/** A duration: `85 ms`, `1.25 s`. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return NOT_AVAILABLE;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

const counts = new Intl.NumberFormat('en-US');

/** A count with thousands separators. */
export const formatCount = (value: number): string => counts.format(value);

/** A per-second rate with as many decimals as a small number needs: `0.025/s`, `1.5/s`, `42/s`. */
export function formatRate(perSecond: number | null): string {
  if (perSecond === null) return NOT_AVAILABLE;
  const digits = perSecond >= 10 ? 0 : perSecond >= 0.1 ? 2 : 3;
  // Through Number, so trailing zeros go: an axis reads 1/s, 1.5/s rather than 1.00/s, 1.50/s.
  return `${Number(perSecond.toFixed(digits))}/s`;
}

/** A JSON value indented for reading; a string body stays as written. */
export const formatJson = (value: unknown): string =>
  typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? String(value));
