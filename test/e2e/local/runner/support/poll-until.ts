/**
 * Calls `probe` until it returns something other than `undefined`, or throws when `timeoutMs`
 * passes, naming `what` and the last value seen. Tests wait on outcomes, never on fixed sleeps.
 */
export async function pollUntil<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 60_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    last = value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
