import { LOG_LEVELS, type LogLevel, lineLevel } from '../../local/lambda';
import type { LogLine } from '../api-types';

/** Lines kept for a page that opens the logs view: enough for the last burst, bounded memory. */
const RECENT_LINES = 1000;

/**
 * Characters of a line kept and sent: a function may log a megabyte in one line, and a thousand
 * of those would be a gigabyte in the ring. The rest is cut, and the cut said.
 */
export const MAX_LINE_CHARS = 16 * 1024;

/** Which lines a reader wants; every field optional. */
export interface LogFilter {
  readonly functionName?: string;
  /** The lowest level shown. */
  readonly minLevel?: LogLevel;
  readonly correlationId?: string;
}

const CORRELATION_FIELD = /"correlationId"\s*:\s*"([A-Za-z0-9._:-]{1,128})"/;

export function matchesFilter(line: LogLine, filter: LogFilter): boolean {
  if (filter.functionName !== undefined && line.function !== filter.functionName) return false;
  if (filter.correlationId !== undefined && line.correlationId !== filter.correlationId) return false;
  if (filter.minLevel !== undefined) {
    if (LOG_LEVELS.indexOf(line.level as LogLevel) < LOG_LEVELS.indexOf(filter.minLevel)) return false;
  }
  return true;
}

/**
 * Function log lines for the console: the recent ones in a ring, and every new one handed to
 * the open streams whose filter it matches. Costs nothing beyond the ring when no page listens.
 */
export class LogFeed {
  private readonly recent: LogLine[] = [];
  private next = 0;
  private readonly readers = new Set<{ filter: LogFilter; deliver: (line: LogLine) => void }>();

  /** The runtime's log sink signature: hand it to the Lambda runtime. */
  readonly sink = (functionName: string, stream: 'stdout' | 'stderr', text: string): void => {
    const line: LogLine = {
      at: Date.now(),
      function: functionName,
      level: lineLevel(text, stream),
      correlationId: CORRELATION_FIELD.exec(text)?.[1] ?? null,
      line:
        text.length > MAX_LINE_CHARS
          ? `${text.slice(0, MAX_LINE_CHARS)}… (${text.length - MAX_LINE_CHARS} more characters not shown)`
          : text,
    };
    if (this.recent.length < RECENT_LINES) this.recent.push(line);
    else this.recent[this.next] = line;
    this.next = (this.next + 1) % RECENT_LINES;
    for (const reader of this.readers) if (matchesFilter(line, reader.filter)) reader.deliver(line);
  };

  /** The kept lines matching `filter`, oldest first. */
  recentLines(filter: LogFilter): LogLine[] {
    const ordered =
      this.recent.length < RECENT_LINES
        ? this.recent
        : [...this.recent.slice(this.next), ...this.recent.slice(0, this.next)];
    return ordered.filter((line) => matchesFilter(line, filter));
  }

  /** Delivers each new matching line until the returned function is called. */
  subscribe(filter: LogFilter, deliver: (line: LogLine) => void): () => void {
    const reader = { filter, deliver };
    this.readers.add(reader);
    return () => this.readers.delete(reader);
  }
}
