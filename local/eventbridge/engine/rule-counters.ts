import type { RuleRecord } from '../records/eventbridge-records';

/** What one rule did since the local cloud started. */
export interface RuleStats {
  readonly name: string;
  readonly eventBusName: string;
  /** Events the rule matched, replayed ones included, whether or not it has targets. */
  readonly matchedEvents: number;
  /**
   * Deliveries to its targets that failed for good (retries or the event age exhausted, or an
   * input transformer that could not build the input), whether the dead-letter queue took them or not.
   */
  readonly failedDeliveries: number;
}

interface Counts {
  matchedEvents: number;
  failedDeliveries: number;
}

/**
 * Per-rule counters, in memory since start (the console's live view; CloudWatch keeps AWS's).
 * Keyed by rule ARN, the one name both the dispatcher and an outbox delivery carry. A count is
 * a map lookup and an increment; an entry lives as long as its rule, so the map holds at most
 * one per rule.
 */
export class RuleCounters {
  private readonly byArn = new Map<string, Counts>();

  /** The rule matched an event (and was not filtered out of a replay). */
  matched(ruleArn: string): void {
    this.counts(ruleArn).matchedEvents += 1;
  }

  /** A delivery to one of the rule's targets failed for good. */
  failed(ruleArn: string): void {
    this.counts(ruleArn).failedDeliveries += 1;
  }

  /** The rule was deleted: a rule created again under its name starts from zero. */
  forget(ruleArn: string): void {
    this.byArn.delete(ruleArn);
  }

  /**
   * The counts of `rules`, the rules that exist now, in their order. Counts of any other rule
   * are dropped: a delivery that failed after its rule was deleted must not keep an entry alive.
   */
  statsOf(rules: readonly RuleRecord[]): RuleStats[] {
    const existing = new Set(rules.map((rule) => rule.arn));
    for (const arn of this.byArn.keys()) if (!existing.has(arn)) this.byArn.delete(arn);
    return rules.map((rule) => ({
      name: rule.name,
      eventBusName: rule.busName,
      matchedEvents: this.byArn.get(rule.arn)?.matchedEvents ?? 0,
      failedDeliveries: this.byArn.get(rule.arn)?.failedDeliveries ?? 0,
    }));
  }

  private counts(ruleArn: string): Counts {
    let counts = this.byArn.get(ruleArn);
    if (counts === undefined) {
      counts = { matchedEvents: 0, failedDeliveries: 0 };
      this.byArn.set(ruleArn, counts);
    }
    return counts;
  }
}
