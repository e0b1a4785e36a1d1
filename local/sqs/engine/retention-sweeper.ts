import type { SqsState } from '../sqs-state';

const SWEEP_INTERVAL_MS = 30 * 1000;

/**
 * Deletes expired messages and deduplication entries every 30 s. Expiry is also applied on every
 * read, so the sweeper only bounds memory and disk use; it never keeps a process alive.
 */
export class RetentionSweeper {
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly state: SqsState) {
    this.timer = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  sweep(): void {
    const now = this.state.clock();
    try {
      for (const queue of this.state.queues.values()) this.state.expire(queue, now);
      this.state.expireDedup(now);
    } catch (error) {
      // Housekeeping only: a failed sweep is retried on the next tick and on every read.
      console.error('sqs: retention sweep failed', error);
    }
  }

  close(): void {
    clearInterval(this.timer);
  }
}
