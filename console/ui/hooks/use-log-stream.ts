import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { LogLine } from '../../api-types';
import {
  appendCapped,
  type LogFilter,
  logStreamUrl,
  MAX_LOG_LINES,
  matchesLogFilter,
  toLogLine,
} from '../lib/log-lines';
import { type EventStream, useEventSource } from './use-event-source';

/** A line as the page holds it: numbered on arrival, so a row keeps its identity as old ones drop. */
export type ShownLogLine = LogLine & { readonly seq: number };

export interface LogStream extends EventStream {
  readonly lines: readonly ShownLogLine[];
  readonly clear: () => void;
}

/** How often arrived lines are drawn: a busy function logs hundreds a second. */
const FLUSH_MS = 250;

/**
 * The log lines matching `filter`, live. Each connection (a new filter, or a reconnect) starts
 * with `reset` and the server's recent lines, so the page starts over rather than showing them
 * twice. Lines arriving together are drawn a few times a second, and those waiting are capped:
 * a hidden tab runs timers seldom, and the stream keeps arriving meanwhile.
 */
export function useLogStream(filter: LogFilter, levels: readonly string[]): LogStream {
  const [lines, setLines] = useState<readonly ShownLogLine[]>([]);
  const pending = useRef<ShownLogLine[]>([]);
  const sequence = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const url = logStreamUrl(filter);
  const current = useRef({ filter, levels });
  current.current = { filter, levels };

  const flush = useCallback(() => {
    timer.current = undefined;
    const arrived = pending.current;
    pending.current = [];
    setLines((held) => appendCapped(held, arrived, MAX_LOG_LINES));
  }, []);

  useEffect(() => {
    pending.current = [];
    setLines([]);
  }, [url]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const stream = useEventSource(url, {
    reset: () => {
      pending.current = [];
      setLines([]);
    },
    log: (data) => {
      const line = toLogLine(data);
      if (line === undefined || !matchesLogFilter(line, current.current.filter, current.current.levels))
        return;
      sequence.current += 1;
      pending.current.push({ ...line, seq: sequence.current });
      // Trimmed now and then rather than per line: only the newest MAX_LOG_LINES are ever shown.
      if (pending.current.length > 2 * MAX_LOG_LINES)
        pending.current.splice(0, pending.current.length - MAX_LOG_LINES);
      timer.current ??= setTimeout(flush, FLUSH_MS);
    },
  });

  const clear = useCallback(() => {
    pending.current = [];
    setLines([]);
  }, []);

  return { ...stream, lines, clear };
}
