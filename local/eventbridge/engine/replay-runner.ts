import { errorMessage } from '../../../common/error-summary';
import type { EventEnvelope, ReplayRecord } from '../records/eventbridge-records';
import type { EventBridgeStore } from '../store/eventbridge-store';
import type { EventDispatcher } from './event-dispatcher';

/** Archived events replayed per store transaction. */
const BATCH_SIZE = 100;

/**
 * Runs replays in the background: moves a replay from STARTING to RUNNING, re-sends its
 * archived events (oldest first, marked with `replay-name`) to the destination bus's rules,
 * then marks it COMPLETED. Each batch of events is dispatched in the same transaction that
 * records the replay's progress, so a restart resumes after the last committed batch without
 * replaying an event twice. CancelReplay marks it CANCELLING; the runner stops before its next
 * batch and marks it CANCELLED.
 */
export class ReplayRunner {
  private readonly active = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(
    private readonly store: EventBridgeStore,
    private readonly dispatcher: EventDispatcher,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts (or, after a restart, resumes) every replay that has not finished. */
  resumeUnfinished(): void {
    for (const replay of this.store.listReplays()) {
      if (replay.state === 'STARTING' || replay.state === 'RUNNING' || replay.state === 'CANCELLING') {
        this.start(replay.name);
      }
    }
  }

  /** Runs a replay asynchronously; DescribeReplay shows its progress. */
  start(name: string): void {
    if (this.active.has(name) || this.stopped) return;
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.run(name))
      .finally(() => this.active.delete(name));
    this.active.set(name, run);
  }

  /** Resolves when no replay is running. */
  async idle(): Promise<void> {
    await Promise.all([...this.active.values()]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  private async run(name: string): Promise<void> {
    let replay = this.store.getReplay(name);
    if (!replay) return;
    if (replay.state !== 'CANCELLING') replay = this.save({ ...replay, state: 'RUNNING' });
    try {
      for (;;) {
        if (this.stopped) return;
        if (this.store.getReplay(name)?.state === 'CANCELLING') {
          this.save({ ...replay, state: 'CANCELLED', replayEndTime: this.now() });
          return;
        }
        const current: ReplayRecord = replay;
        const batch = this.store.archivedEvents(
          current.archiveName,
          current.eventStartTime,
          current.eventEndTime,
          current.lastReplayedSeq,
          BATCH_SIZE,
        );
        if (batch.length === 0) break;
        replay = this.store.transaction(() => {
          const ruleArns = current.filterArns?.length ? new Set(current.filterArns) : undefined;
          for (const archived of batch) {
            const event = {
              ...(JSON.parse(archived.eventJson) as EventEnvelope),
              'replay-name': current.name,
            };
            this.dispatcher.dispatch(current.destinationBusName, event, {
              archive: false,
              now: this.now(),
              ...(ruleArns && { ruleArns }),
            });
          }
          const last = batch[batch.length - 1];
          return this.save({
            ...current,
            lastReplayedSeq: last?.seq ?? current.lastReplayedSeq,
            eventLastReplayedTime: this.now(),
          });
        });
        // Yield between batches so a long replay does not starve request handling.
        await new Promise((resolve) => setImmediate(resolve));
      }
      this.save({ ...replay, state: 'COMPLETED', replayEndTime: this.now() });
    } catch (error) {
      const reason = errorMessage(error);
      this.save({ ...replay, state: 'FAILED', stateReason: reason, replayEndTime: this.now() });
    }
  }

  private save(replay: ReplayRecord): ReplayRecord {
    this.store.putReplay(replay);
    return replay;
  }
}
