/** A signed-in console session: the token of the printed URL exchanged for the session cookie. */
export interface ConsoleSession {
  readonly origin: string;
  readonly cookie: string;
  get(path: string): Promise<Response>;
  /** A POST as the console's own page sends it: JSON, with the cookie and its Origin. */
  post(path: string, body: unknown): Promise<Response>;
}

/** Opens `consoleUrl` as a browser would and keeps the cookie it sets. */
export async function openConsole(consoleUrl: string): Promise<ConsoleSession> {
  const answer = await fetch(consoleUrl, { redirect: 'manual' });
  if (answer.status !== 303) throw new Error(`opening the console URL answered ${answer.status}`);
  const cookie = (answer.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { origin } = new URL(consoleUrl);
  return {
    origin,
    cookie,
    get: (path) => fetch(`${origin}${path}`, { headers: { cookie } }),
    post: (path, body) =>
      fetch(`${origin}${path}`, {
        method: 'POST',
        headers: { cookie, origin, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
  };
}

/** The lines of an NDJSON answer, parsed. */
export async function ndjsonLines(response: Response): Promise<unknown[]> {
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

/** One server-sent event. */
export interface StreamEvent {
  readonly event: string;
  readonly data: unknown;
}

/**
 * Hands each server-sent event of `response` to `onEvent` until it returns true, the stream
 * ends, or `signal` aborts; then stops reading.
 */
export async function forEachEvent(
  response: Response,
  onEvent: (event: StreamEvent) => boolean | undefined,
  signal?: AbortSignal,
): Promise<void> {
  const reader = response.body?.getReader();
  if (reader === undefined) throw new Error('the stream has no body');
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', cancel);
  const decoder = new TextDecoder();
  let buffered = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffered += decoder.decode(value, { stream: true });
      for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event !== undefined && data !== undefined && onEvent({ event, data: JSON.parse(data) })) return;
      }
    }
  } catch (error) {
    if (!signal?.aborted) throw error;
  } finally {
    signal?.removeEventListener('abort', cancel);
    cancel();
  }
}

/** The server-sent events of `response` until `enough` says so, or `timeoutMs` passes. */
export async function readEvents(
  response: Response,
  enough: (events: readonly StreamEvent[]) => boolean,
  timeoutMs = 10_000,
): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  await forEachEvent(
    response,
    (event) => {
      events.push(event);
      return enough(events);
    },
    AbortSignal.timeout(timeoutMs),
  );
  return events;
}
