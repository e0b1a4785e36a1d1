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

/**
 * The log lines matching `filter`, live. A new filter starts a new stream (the server sends its
 * recent lines first) and an empty page. Lines arriving together are added in one render per
 * frame, since a busy function can log hundreds a second.
 */
export function useLogStream(filter: LogFilter, levels: readonly string[]): LogStream {
  const [lines, setLines] = useState<readonly ShownLogLine[]>([]);
  const pending = useRef<ShownLogLine[]>([]);
  const sequence = useRef(0);
  const frame = useRef<number | undefined>(undefined);
  const url = logStreamUrl(filter);
  const current = useRef({ filter, levels });
  current.current = { filter, levels };

  const flush = useCallback(() => {
    frame.current = undefined;
    const arrived = pending.current;
    pending.current = [];
    setLines((held) => appendCapped(held, arrived, MAX_LOG_LINES));
  }, []);

  useEffect(() => {
    pending.current = [];
    setLines([]);
  }, [url]);
  useEffect(
    () => () => {
      if (frame.current !== undefined) cancelAnimationFrame(frame.current);
    },
    [],
  );

  const stream = useEventSource(url, {
    log: (data) => {
      const line = toLogLine(data);
      if (line === undefined || !matchesLogFilter(line, current.current.filter, current.current.levels))
        return;
      sequence.current += 1;
      pending.current.push({ ...line, seq: sequence.current });
      frame.current ??= requestAnimationFrame(flush);
    },
  });

  const clear = useCallback(() => {
    pending.current = [];
    setLines([]);
  }, []);

  return { ...stream, lines, clear };
}
