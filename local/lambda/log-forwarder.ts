import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** Where function log lines go. */
export type LogSink = (functionName: string, stream: 'stdout' | 'stderr', line: string) => void;

const LEVEL_COLORS: Readonly<Record<string, string>> = {
  DEBUG: '\x1b[90m',
  INFO: '\x1b[32m',
  WARN: '\x1b[33m',
  ERROR: '\x1b[31m',
  CRITICAL: '\x1b[35m',
};
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';

/** Fields every structured line carries; shown in the prefix or dropped from the details. */
const HEADLINE_FIELDS = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'cold_start',
  'function_name',
  'function_arn',
  'function_memory_size',
  'function_request_id',
  'sampling_rate',
  'xray_trace_id',
]);

/**
 * Renders one structured (JSON) log line for a terminal: time, level, message, then the other
 * fields compactly. Lines that are not JSON objects are returned as they are.
 */
export function prettyLogLine(line: string): string {
  if (!line.startsWith('{')) return line;
  let record: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return line;
    record = parsed as Record<string, unknown>;
  } catch {
    return line;
  }
  // Powertools metrics print EMF documents; on a terminal they are noise, so keep them one line.
  if ('_aws' in record) return `${DIM}metrics ${JSON.stringify(record)}${RESET}`;
  const level = String(record.level ?? 'INFO').toUpperCase();
  const time =
    typeof record.timestamp === 'string' ? (record.timestamp.split('T')[1] ?? record.timestamp) : '';
  const details = Object.fromEntries(Object.entries(record).filter(([key]) => !HEADLINE_FIELDS.has(key)));
  const rest = Object.keys(details).length > 0 ? ` ${DIM}${JSON.stringify(details)}${RESET}` : '';
  return `${DIM}${time}${RESET} ${LEVEL_COLORS[level] ?? ''}${level.padEnd(5)}${RESET} ${String(record.message ?? '')}${rest}`;
}

/** Log levels in rising order, as Powertools names them. */
export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The level of a line: a structured line's `level`, else WARN for stderr and INFO for stdout
 * (what Lambda's console methods amount to when the function logs plain text).
 */
export function lineLevel(line: string, stream: 'stdout' | 'stderr'): LogLevel {
  const match = line.startsWith('{') ? /"level"\s*:\s*"([A-Za-z]+)"/.exec(line) : null;
  const level = match?.[1]?.toUpperCase();
  if (level !== undefined && (LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
  return stream === 'stderr' ? 'WARN' : 'INFO';
}

/** How the console sink shows function logs. */
export interface ConsoleLogOptions {
  /** Colours and compact structured lines. @default whether stdout is a terminal */
  readonly pretty?: boolean;
  /** Lines below this level are dropped. @default 'DEBUG' (every line) */
  readonly minLevel?: LogLevel;
}

/**
 * A sink that writes to the console with the function name as prefix. Lines are gathered and
 * written once per turn of the event loop: a write to a file or terminal blocks the thread,
 * so under load one write of many lines costs far less than many writes. A crash may lose the
 * lines of the current turn, never an acknowledged request.
 */
export function consoleLogSink(options: ConsoleLogOptions = {}): LogSink {
  const pretty = options.pretty ?? process.stdout.isTTY === true;
  const minRank = LOG_LEVELS.indexOf(options.minLevel ?? 'DEBUG');
  const pending = { stdout: [] as string[], stderr: [] as string[] };
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    for (const stream of ['stdout', 'stderr'] as const) {
      if (pending[stream].length === 0) continue;
      const text = `${pending[stream].join('\n')}\n`;
      pending[stream] = [];
      (stream === 'stderr' ? process.stderr : process.stdout).write(text);
    }
  };
  return (functionName, stream, line) => {
    if (minRank > 0 && LOG_LEVELS.indexOf(lineLevel(line, stream)) < minRank) return;
    pending[stream].push(
      pretty ? `\x1b[36m[${functionName}]${RESET} ${prettyLogLine(line)}` : `[${functionName}] ${line}`,
    );
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
}

/** Splits a worker's output stream into lines and hands each to the sink. */
export function forwardLines(
  readable: Readable,
  functionName: string,
  stream: 'stdout' | 'stderr',
  sink: LogSink,
): void {
  const lines = createInterface({ input: readable, crlfDelay: Number.POSITIVE_INFINITY });
  lines.on('line', (line) => sink(functionName, stream, line));
}
