/**
 * Parks long-polling receives per queue until something may have changed: a send, a visibility
 * change, or a known moment when a delayed or in-flight message becomes visible. Waking is driven
 * by those events and one timer per waiter, never by polling in a loop.
 */
export class LongPollWaiters {
  private readonly waiting = new Map<string, Set<() => void>>();
  private closed = false;

  /**
   * Resolves when `notify(queueName)` is called, when `until` (epoch ms) is reached, when
   * `signal` aborts, or when the waiters are closed; the caller then simply tries again.
   */
  wait(queueName: string, until: number, signal?: AbortSignal): Promise<void> {
    if (this.closed || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      let set = this.waiting.get(queueName);
      if (set === undefined) {
        set = new Set();
        this.waiting.set(queueName, set);
      }
      const queueWaiters = set;
      const wake = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', wake);
        queueWaiters.delete(wake);
        if (queueWaiters.size === 0 && this.waiting.get(queueName) === queueWaiters)
          this.waiting.delete(queueName);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, until - Date.now()));
      signal?.addEventListener('abort', wake, { once: true });
      queueWaiters.add(wake);
    });
  }

  /** Wakes every receive waiting on the queue. */
  notify(queueName: string): void {
    const set = this.waiting.get(queueName);
    if (set === undefined) return;
    for (const wake of [...set]) wake();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Wakes everyone and refuses new waits, so shutdown never hangs on a 20 s poll. */
  close(): void {
    this.closed = true;
    for (const name of [...this.waiting.keys()]) this.notify(name);
  }
}
