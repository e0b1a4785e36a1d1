import { errorMessage } from '../../../common/error-summary';
import { type FlatEvent, flattenEvent } from '../pattern-engine';
import type { EventEnvelope } from '../records/eventbridge-records';
import type { EventBridgeStore } from '../store/eventbridge-store';
import type { RoutingTable } from './routing-table';
import type { RuleCounters } from './rule-counters';
import { buildTargetInput } from './target-input';

/** How one event enters a bus. */
export interface DispatchOptions {
  /** Record the event in the bus's archives (false for replayed events, which AWS does not re-archive). */
  readonly archive: boolean;
  /** Only these rule ARNs receive the event (a replay's FilterArns). */
  readonly ruleArns?: ReadonlySet<string>;
  readonly now: number;
}

/**
 * Puts one event on a bus: archives it and writes one outbox row per target of every matching
 * rule. The caller runs this inside a store transaction, so an acknowledged event has all of
 * its deliveries durably queued; the delivery worker sends them afterwards.
 */
export class EventDispatcher {
  constructor(
    private readonly store: EventBridgeStore,
    private readonly routing: RoutingTable,
    private readonly counters: RuleCounters,
    private readonly onEnqueued: () => void,
  ) {}

  /** Returns the number of deliveries queued. */
  dispatch(busName: string, event: EventEnvelope, options: DispatchOptions): number {
    const eventJson = JSON.stringify(event);
    if (options.archive) {
      const eventTime = Date.parse(event.time);
      // Flattened once for all the archives' patterns, and only when one has a pattern.
      let flat: FlatEvent | undefined;
      for (const { archive, pattern } of this.routing.archivesFor(busName)) {
        if (pattern) {
          flat ??= flattenEvent(event);
          if (!pattern.matchesFlat(flat)) continue;
        }
        this.store.appendArchiveEvent(archive.name, eventTime, eventJson, options.now);
      }
    }
    let queued = 0;
    const ingestionTime = new Date(options.now).toISOString();
    for (const { rule, targets } of this.routing.rulesMatching(busName, event)) {
      if (options.ruleArns && !options.ruleArns.has(rule.arn)) continue;
      // Counted before the caller's transaction commits: if it rolls back (a store failure, which
      // the request answers as an error) the count is one high, which a live view can bear.
      this.counters.matched(rule.arn);
      for (const target of targets) {
        let body: string | undefined;
        let transformError: string | undefined;
        try {
          body = buildTargetInput(target, event, { ruleArn: rule.arn, ruleName: rule.name, ingestionTime });
        } catch (error) {
          transformError = errorMessage(error);
        }
        this.store.enqueueDelivery(
          {
            ruleArn: rule.arn,
            target,
            ...(body !== undefined && { body }),
            ...(transformError !== undefined && { transformError }),
            eventId: event.id,
            eventJson,
            createdAt: options.now,
          },
          options.now,
        );
        queued++;
      }
    }
    if (queued > 0) this.onEnqueued();
    return queued;
  }
}
