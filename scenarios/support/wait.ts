import { ScenarioFailure } from '../errors';

/** How long to wait, and how often to look. */
export interface WaitBounds {
  readonly timeoutMs: number;
  readonly intervalMs: number;
}

/**
 * Calls `probe` until it returns a value, or fails the scenario once `timeoutMs` has passed,
 * naming `what` it waited for and, from `lastSeen`, what it saw last. Waits are always bounded:
 * a stuck pipeline fails a run rather than hanging it.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  bounds: WaitBounds,
  lastSeen?: () => string | undefined,
): Promise<T> {
  const deadline = Date.now() + bounds.timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) {
      const seen = lastSeen?.();
      throw new ScenarioFailure(
        `no ${what} within ${formatDuration(bounds.timeoutMs)}${seen === undefined ? '' : ` (last seen: ${seen})`}`,
      );
    }
    await sleep(Math.min(bounds.intervalMs, Math.max(0, deadline - Date.now())));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const formatDuration = (ms: number): string =>
  ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 100) / 10} s`;
