import { errorMessage } from '../../../common/error-summary';
import { TargetUnreachableError } from '../ports';
import type { PendingDelivery } from '../records/eventbridge-records';
import type { EventBridgeStore } from '../store/eventbridge-store';
import { type BackoffOptions, nextRetryDelay, retryLimitsOf } from './retry-schedule';
import type { RuleCounters } from './rule-counters';
import type { TargetSender } from './target-sender';

/** Tuning of the delivery worker. */
export interface DeliveryWorkerOptions extends BackoffOptions {
  /** Deliveries sent at the same time. */
  readonly concurrency: number;
  readonly now?: () => number;
}

/** Longest sleep while idle: bounds how late a delivery made due by a clock jump is noticed. */
const MAX_IDLE_WAIT_MS = 1000;

/**
 * Sends the outbox: each pending delivery is tried, retried with backoff within its target's
 * RetryPolicy, then sent to the target's dead-letter queue with AWS's error attributes. A
 * delivery leaves the outbox only after its target (or the DLQ) accepted it, or after it was
 * recorded as dead, so a crash at any point re-sends rather than loses (at-least-once, as AWS).
 */
export class DeliveryWorker {
  private readonly inFlight = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private running = true;
  private pumping = false;
  private readonly idle: Array<() => void> = [];
  private readonly now: () => number;

  constructor(
    private readonly store: EventBridgeStore,
    private readonly sender: TargetSender,
    private readonly counters: RuleCounters,
    private readonly options: DeliveryWorkerOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Wakes the worker after new deliveries were committed. */
  notify(): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.pump(), 0);
  }

  /** Resolves when the outbox is empty (used by tests and orderly shutdown). */
  async drained(): Promise<void> {
    if (this.store.pendingDeliveryCount() === 0 && this.inFlight.size === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  /** Stops sending; pending deliveries stay in the outbox for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    while (this.inFlight.size > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private pump(): void {
    this.timer = undefined;
    if (!this.running || this.pumping) return;
    this.pumping = true;
    try {
      const free = this.options.concurrency - this.inFlight.size;
      const due = free > 0 ? this.store.dueDeliveries(this.now(), free, this.inFlight) : [];
      for (const delivery of due) {
        this.inFlight.add(delivery.id);
        void this.attempt(delivery).finally(() => {
          this.inFlight.delete(delivery.id);
          this.notify();
        });
      }
      if (this.inFlight.size === 0) this.scheduleNext();
    } finally {
      this.pumping = false;
    }
  }

  private scheduleNext(): void {
    const next = this.store.nextDueAt();
    if (next === undefined) {
      for (const resolve of this.idle.splice(0)) resolve();
      return;
    }
    const wait = Math.min(MAX_IDLE_WAIT_MS, Math.max(0, next - this.now()));
    this.timer = setTimeout(() => this.pump(), wait);
  }

  private async attempt(delivery: PendingDelivery): Promise<void> {
    let failure: { code: string; message: string };
    if (delivery.body === undefined) {
      failure = {
        code: 'INVALID_PARAMETER',
        message: delivery.transformError ?? 'Target input could not be built',
      };
    } else {
      try {
        await this.sender.send(delivery.target, delivery.body, delivery.eventId);
        this.store.completeDelivery(delivery.id);
        return;
      } catch (error) {
        failure = describeFailure(error);
      }
    }
    const limits = retryLimitsOf(delivery.target);
    const retries = delivery.attempts;
    const now = this.now();
    const tooOld = now - delivery.createdAt >= limits.maximumEventAgeMs;
    const retriable = delivery.body !== undefined && retries < limits.maximumRetryAttempts && !tooOld;
    if (retriable) {
      this.store.rescheduleDelivery(
        delivery.id,
        retries + 1,
        now + nextRetryDelay(retries, this.options),
        failure,
      );
      return;
    }
    const exhausted =
      delivery.body === undefined ? undefined : tooOld ? 'MaximumEventAgeInSeconds' : 'MaximumRetryAttempts';
    await this.deadLetter(delivery, failure, retries, exhausted);
  }

  private async deadLetter(
    delivery: PendingDelivery,
    failure: { code: string; message: string },
    retries: number,
    exhausted: string | undefined,
  ): Promise<void> {
    this.counters.failed(delivery.ruleArn);
    const dlqArn = delivery.target.DeadLetterConfig?.Arn;
    if (!dlqArn) {
      this.store.recordDeadLetter(
        delivery,
        `${failure.code}: ${failure.message} (no dead-letter queue)`,
        this.now(),
      );
      return;
    }
    const attributes: Record<string, string> = {
      RULE_ARN: delivery.ruleArn,
      TARGET_ARN: delivery.target.Arn,
      ERROR_CODE: failure.code,
      ERROR_MESSAGE: failure.message.slice(0, 1000) || failure.code,
      RETRY_ATTEMPTS: String(retries),
      ...(exhausted !== undefined && { EXHAUSTED_RETRY_CONDITION: exhausted }),
    };
    try {
      await this.sender.sendToDeadLetterQueue(dlqArn, delivery.eventJson, attributes);
      this.store.completeDelivery(delivery.id);
    } catch (error) {
      const dlqFailure = describeFailure(error);
      this.store.recordDeadLetter(
        delivery,
        `${failure.code}: ${failure.message}; dead-letter queue refused it: ${dlqFailure.message}`,
        this.now(),
      );
    }
  }
}

function describeFailure(error: unknown): { code: string; message: string } {
  if (error instanceof TargetUnreachableError) return { code: error.errorCode, message: error.message };
  const message = errorMessage(error);
  const name = error instanceof Error ? error.name : '';
  const notFound = /NotFound|NonExistent|DoesNotExist/i.test(name);
  return { code: notFound ? 'RESOURCE_NOT_FOUND' : 'SDK_CLIENT_ERROR', message: message || name };
}
