/**
 * A developer watching the web console while the load benchmark runs, in a process of its own
 * (its CPU is not the runner's): it keeps the overview stream open and, every few seconds,
 * loads the page as a browser does (the HTML, then its script, style and first API calls).
 * Reads the console URL from the environment (`CONSOLE_URL`: it carries the access token, which
 * a command line would show to every user of the machine); on SIGTERM prints one
 * `ConsoleWatch` as JSON on stdout.
 */
import {
  type ConsoleSession,
  forEachEvent,
  openConsole,
} from '../../test/e2e/console/support/console-session';

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

async function watchOverview(session: ConsoleSession, gaps: number[], signal: AbortSignal): Promise<void> {
  let last: number | undefined;
  await forEachEvent(
    await session.get('/api/overview/stream'),
    ({ event }) => {
      if (event !== 'overview') return false;
      const now = performance.now();
      if (last !== undefined) gaps.push(now - last);
      last = now;
      return false;
    },
    signal,
  );
}

/** The page as a browser loads it: the document, then its assets and first API calls together. */
async function loadPage(session: ConsoleSession): Promise<number> {
  const started = performance.now();
  const get = async (path: string) => {
    const answer = await session.get(path);
    if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}`);
    await answer.arrayBuffer();
  };
  await get('/');
  await Promise.all(['/console.js', '/console.css', '/api/config', '/api/overview'].map(get));
  return performance.now() - started;
}

async function main(): Promise<void> {
  const consoleUrl = process.env.CONSOLE_URL;
  if (consoleUrl === undefined) throw new Error('CONSOLE_URL names the console to watch');
  const session = await openConsole(consoleUrl);
  const watch = { sampleGapsMs: [] as number[], pageLoadsMs: [] as number[], failures: [] as string[] };
  const stop = new AbortController();
  process.once('SIGTERM', () => stop.abort());
  const overview = watchOverview(session, watch.sampleGapsMs, stop.signal);
  while (!stop.signal.aborted) {
    await loadPage(session).then(
      (ms) => watch.pageLoadsMs.push(ms),
      (error: unknown) => watch.failures.push(String(error)),
    );
    await new Promise((resolve) => setTimeout(resolve, PAGE_LOAD_INTERVAL_MS));
  }
  await overview;
  process.stdout.write(JSON.stringify(watch satisfies ConsoleWatch));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
