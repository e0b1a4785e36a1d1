/** The states AWS long operations end in: SQS message move tasks and EventBridge replays alike. */
export const ENDED_STATES: ReadonlySet<string> = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

/** Waits `ms`; rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const stop = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    }, ms);
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/**
 * Polls a long operation until it ends, reporting its description whenever it changes, so that
 * polling does not flood a log. Answers the last observation, whose state is one of ENDED_STATES.
 */
export async function followUntilEnded<T>(options: {
  readonly observe: () => Promise<T>;
  readonly stateOf: (observed: T) => string;
  readonly describe: (observed: T) => string;
  readonly onProgress?: (message: string) => void;
  readonly intervalMs: number;
  readonly signal?: AbortSignal;
}): Promise<T> {
  let reported: string | undefined;
  for (;;) {
    options.signal?.throwIfAborted();
    const observed = await options.observe();
    const description = options.describe(observed);
    if (description !== reported) options.onProgress?.(description);
    reported = description;
    if (ENDED_STATES.has(options.stateOf(observed))) return observed;
    await sleep(options.intervalMs, options.signal);
  }
}
