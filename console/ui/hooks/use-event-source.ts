import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson } from '../api/http';

/** Where a server-sent events stream stands, for the view's live indicator. */
export type StreamState = 'connecting' | 'live' | 'disconnected';

export type StreamListeners = Readonly<Record<string, (data: unknown) => void>>;

export interface EventStream {
  readonly state: StreamState;
  /** The last problem with the stream's content or connection, in words. */
  readonly problem: string | undefined;
}

const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 30_000;

/**
 * Subscribes to a server-sent events stream at `url` (null: none) while the component lives,
 * handing each named event's parsed JSON data to its listener. A changed URL reconnects. The
 * browser retries a dropped connection by itself, but gives up for good on an HTTP error: then
 * a probe finds whether the session ended (which shows the sign-in page) and the stream is
 * reopened with a growing delay.
 */
export function useEventSource(url: string | null, listeners: StreamListeners): EventStream {
  const [stream, setStream] = useState<EventStream>({ state: 'connecting', problem: undefined });
  // The listeners change on every render; the connection must not.
  const current = useRef(listeners);
  current.current = listeners;
  const names = Object.keys(listeners).sort().join(',');

  useEffect(() => {
    if (url === null) return undefined;
    let source: EventSource | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let retryDelay = FIRST_RETRY_MS;
    let stopped = false;

    const open = () => {
      setStream((previous) => ({ ...previous, state: 'connecting' }));
      const opened = new EventSource(url);
      source = opened;
      opened.onopen = () => {
        retryDelay = FIRST_RETRY_MS;
        setStream({ state: 'live', problem: undefined });
      };
      for (const name of names.split(',')) {
        opened.addEventListener(name, (event) => {
          let data: unknown;
          try {
            data = JSON.parse((event as MessageEvent<string>).data);
          } catch {
            setStream((previous) => ({
              ...previous,
              problem: `The server sent a malformed "${name}" event`,
            }));
            return;
          }
          current.current[name]?.(data);
        });
      }
      opened.onerror = () => {
        if (stopped) return;
        if (opened.readyState !== EventSource.CLOSED) {
          setStream({ state: 'disconnected', problem: 'Connection lost; reconnecting…' });
          return;
        }
        opened.close();
        setStream({ state: 'disconnected', problem: 'The server refused the stream; retrying…' });
        // A refused stream says nothing about why; a plain request does (and a 401 or 403 there
        // switches the app to the sign-in page).
        getJson('/api/config').catch(() => undefined);
        retryTimer = setTimeout(open, retryDelay);
        retryDelay = Math.min(retryDelay * 2, LAST_RETRY_MS);
      };
    };

    open();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      source?.close();
    };
  }, [url, names]);

  return stream;
}
