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

/**
 * Reads server-sent events from `response` until `enough` says so (or `timeoutMs` passes),
 * then closes the stream.
 */
export async function readEvents(
  response: Response,
  enough: (events: ReadonlyArray<{ event: string; data: unknown }>) => boolean,
  timeoutMs = 10_000,
): Promise<Array<{ event: string; data: unknown }>> {
  const events: Array<{ event: string; data: unknown }> = [];
  const reader = response.body?.getReader();
  if (reader === undefined) throw new Error('the stream has no body');
  const decoder = new TextDecoder();
  let buffered = '';
  const deadline = setTimeout(() => void reader.cancel(), timeoutMs);
  try {
    while (!enough(events)) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let end = buffered.indexOf('\n\n');
      while (end >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event !== undefined && data !== undefined) events.push({ event, data: JSON.parse(data) });
        end = buffered.indexOf('\n\n');
      }
    }
  } finally {
    clearTimeout(deadline);
    await reader.cancel().catch(() => undefined);
  }
  return events;
}
