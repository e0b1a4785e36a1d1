import type { LogLine } from '../../api-types';

/** The logs view's filters; an empty string means "any". */
export interface LogFilter {
  readonly function: string;
  readonly level: string;
  readonly correlationId: string;
}

export const NO_LOG_FILTER: LogFilter = { function: '', level: '', correlationId: '' };

/** Lines kept in the page: enough to read back a burst, few enough to keep the DOM light. */
export const MAX_LOG_LINES = 1000;

/** The stream's URL for a filter; unset filters are left out rather than sent empty. */
export function logStreamUrl(filter: LogFilter): string {
  const query = new URLSearchParams();
  if (filter.function !== '') query.set('function', filter.function);
  if (filter.level !== '') query.set('level', filter.level);
  const correlationId = filter.correlationId.trim();
  if (correlationId !== '') query.set('correlationId', correlationId);
  const search = query.toString();
  return search === '' ? '/api/logs/stream' : `/api/logs/stream?${search}`;
}

/**
 * Whether a line passes the filter. The server filters already; this guards the moments around
 * a filter change, when lines of the previous stream may still be arriving. A line whose level
 * is not in `levels` is kept: hiding what cannot be ranked would hide the unexpected.
 */
export function matchesLogFilter(line: LogLine, filter: LogFilter, levels: readonly string[]): boolean {
  if (filter.function !== '' && line.function !== filter.function) return false;
  const correlationId = filter.correlationId.trim();
  if (correlationId !== '' && line.correlationId !== correlationId) return false;
  if (filter.level !== '') {
    const minimum = indexOfLevel(levels, filter.level);
    const actual = indexOfLevel(levels, line.level);
    if (minimum >= 0 && actual >= 0 && actual < minimum) return false;
  }
  return true;
}

const indexOfLevel = (levels: readonly string[], level: string): number =>
  levels.findIndex((candidate) => candidate.toUpperCase() === level.toUpperCase());

/** `existing` followed by `incoming`, the oldest dropped beyond `max`. */
export function appendCapped<T>(existing: readonly T[], incoming: readonly T[], max: number): T[] {
  if (incoming.length >= max) return incoming.slice(incoming.length - max);
  const overflow = existing.length + incoming.length - max;
  return [...(overflow > 0 ? existing.slice(overflow) : existing), ...incoming];
}

/** A `log` event's data as a LogLine, or undefined when it is not one. */
export function toLogLine(data: unknown): LogLine | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const line = data as Record<string, unknown>;
  const correlationId = line.correlationId ?? null;
  if (
    typeof line.at !== 'number' ||
    typeof line.function !== 'string' ||
    typeof line.level !== 'string' ||
    typeof line.line !== 'string' ||
    !(correlationId === null || typeof correlationId === 'string')
  ) {
    return undefined;
  }
  return { at: line.at, function: line.function, level: line.level, correlationId, line: line.line };
}

/** Whether a scrolled box shows its end, give or take `slack` pixels (zoom makes them fractional). */
export const isScrolledToEnd = (
  box: { readonly scrollTop: number; readonly scrollHeight: number; readonly clientHeight: number },
  slack = 24,
): boolean => box.scrollHeight - box.scrollTop - box.clientHeight <= slack;
