import { useEffect, useMemo, useState } from 'preact/hooks';
import type { OverviewSample } from '../../api-types';
import { mergeSamples } from '../lib/overview-series';
import { type EventStream, useEventSource } from './use-event-source';

/** The server promises a sample at least every 2 s; three missed ones mean the stream is stuck. */
const STALE_AFTER_MS = 6000;

const isSample = (value: unknown): value is OverviewSample =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Record<string, unknown>).at === 'number' &&
  Array.isArray((value as Record<string, unknown>).channels) &&
  Array.isArray((value as Record<string, unknown>).functions) &&
  Array.isArray((value as Record<string, unknown>).rules);

export interface OverviewStream extends EventStream {
  /** The samples of the chart window, oldest first. */
  readonly samples: readonly OverviewSample[];
  readonly latest: OverviewSample | undefined;
}

/**
 * The overview's live samples: the history sent on connect, then one sample per `overview`
 * event. An open stream that stops sending counts as disconnected, since an indicator saying
 * "live" over numbers that no longer move would mislead.
 */
export function useOverviewStream(): OverviewStream {
  const [samples, setSamples] = useState<readonly OverviewSample[]>([]);
  const [receivedAt, setReceivedAt] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const stream = useEventSource('/api/overview/stream', {
    history: (data) => {
      if (!Array.isArray(data)) return;
      setSamples((held) => mergeSamples(held, data.filter(isSample)));
      setReceivedAt(Date.now());
    },
    overview: (data) => {
      if (!isSample(data)) return;
      setSamples((held) => mergeSamples(held, [data]));
      setReceivedAt(Date.now());
    },
  });
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const stale = stream.state === 'live' && receivedAt > 0 && now - receivedAt > STALE_AFTER_MS;
  return useMemo(
    () => ({
      state: stale ? 'disconnected' : stream.state,
      problem: stale ? `No sample for ${Math.round((now - receivedAt) / 1000)} s` : stream.problem,
      samples,
      latest: samples[samples.length - 1],
    }),
    [stale, stream.state, stream.problem, samples, now, receivedAt],
  );
}
