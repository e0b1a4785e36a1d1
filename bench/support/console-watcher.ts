/**
 * A developer watching the web console while the load benchmark runs, in a process of its own
 * (its CPU is not the runner's): it keeps the overview stream open and, every few seconds,
 * loads the page as a browser does (the HTML, then its script, style and first API calls).
 * Reads the console URL from argv[2]; on SIGTERM prints one `ConsoleWatch` as JSON on stdout.
 */

export interface ConsoleWatch {
  /** Milliseconds between consecutive overview samples received (the first one excluded). */
  readonly sampleGapsMs: readonly number[];
  /** Milliseconds each whole page load took. */
  readonly pageLoadsMs: readonly number[];
  /** Page loads that failed, with why. */
  readonly failures: readonly string[];
}

/** Between page loads: often enough for a dozen loads in the throughput run. */
const PAGE_LOAD_INTERVAL_MS = 3000;

async function signIn(consoleUrl: string): Promise<{ origin: string; cookie: string }> {
  const answer = await fetch(consoleUrl, { redirect: 'manual' });
  if (answer.status !== 303) throw new Error(`opening the console answered ${answer.status}`);
  return {
    origin: new URL(consoleUrl).origin,
    cookie: (answer.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
  };
}

async function watchOverview(
  origin: string,
  cookie: string,
  gaps: number[],
  signal: AbortSignal,
): Promise<void> {
  const answer = await fetch(`${origin}/api/overview/stream`, { headers: { cookie }, signal });
  const reader = answer.body?.getReader();
  if (reader === undefined) throw new Error('the overview stream has no body');
  const decoder = new TextDecoder();
  let buffered = '';
  let last: number | undefined;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffered += decoder.decode(value, { stream: true });
      for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
        const isSample = buffered.slice(0, end).startsWith('event: overview');
        buffered = buffered.slice(end + 2);
        if (!isSample) continue;
        const now = performance.now();
        if (last !== undefined) gaps.push(now - last);
        last = now;
      }
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
}

/** The page as a browser loads it: the document, then its assets and first API calls together. */
async function loadPage(origin: string, cookie: string): Promise<number> {
  const started = performance.now();
  const get = async (path: string) => {
    const answer = await fetch(`${origin}${path}`, { headers: { cookie } });
    if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}`);
    await answer.arrayBuffer();
  };
  await get('/');
  await Promise.all(['/console.js', '/console.css', '/api/config', '/api/overview'].map(get));
  return performance.now() - started;
}

async function main(): Promise<void> {
  const consoleUrl = process.argv[2];
  if (consoleUrl === undefined) throw new Error('usage: console-watcher.ts <console URL>');
  const { origin, cookie } = await signIn(consoleUrl);
  const watch = { sampleGapsMs: [] as number[], pageLoadsMs: [] as number[], failures: [] as string[] };
  const stop = new AbortController();
  const overview = watchOverview(origin, cookie, watch.sampleGapsMs, stop.signal);
  const pages = (async () => {
    while (!stop.signal.aborted) {
      await loadPage(origin, cookie).then(
        (ms) => watch.pageLoadsMs.push(ms),
        (error: unknown) => watch.failures.push(String(error)),
      );
      await new Promise((resolve) => setTimeout(resolve, PAGE_LOAD_INTERVAL_MS));
    }
  })();
  process.once('SIGTERM', () => stop.abort());
  await Promise.all([overview, pages]);
  process.stdout.write(JSON.stringify(watch satisfies ConsoleWatch));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
