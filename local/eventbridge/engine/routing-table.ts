import {
  type CompiledEventPattern,
  compileEventPattern,
  compileRuleSet,
  type RuleSet,
} from '../pattern-engine';
import type { ArchiveRecord, RuleRecord, TargetRecord } from '../records/eventbridge-records';
import type { EventBridgeStore } from '../store/eventbridge-store';

/** An enabled rule ready to test events, with its targets. */
export interface RoutableRule {
  readonly rule: RuleRecord;
  readonly pattern: CompiledEventPattern;
  readonly targets: readonly TargetRecord[];
}

/** An archive ready to test events (no pattern: it records every event of its bus). */
export interface RoutableArchive {
  readonly archive: ArchiveRecord;
  readonly pattern?: CompiledEventPattern;
}

interface BusRoutes {
  readonly rules: readonly RoutableRule[];
  /** The rules' patterns indexed together, so an event is not tested against each rule in turn. */
  readonly ruleSet: RuleSet;
  readonly archives: readonly RoutableArchive[];
}

/**
 * The in-memory view of each bus's enabled rules and archives with their patterns compiled,
 * so PutEvents neither reads the store nor recompiles a pattern per event. Operations that
 * change rules, targets or archives call `invalidate`; the next event rebuilds that bus's view.
 */
export class RoutingTable {
  private readonly routes = new Map<string, BusRoutes>();

  constructor(private readonly store: EventBridgeStore) {}

  /** Enabled rules of the bus. */
  rulesFor(busName: string): readonly RoutableRule[] {
    return this.load(busName).rules;
  }

  /** Enabled rules of the bus whose pattern matches the event, in the order of `rulesFor`. */
  rulesMatching(busName: string, event: unknown): RoutableRule[] {
    const { rules, ruleSet } = this.load(busName);
    return ruleSet.match(event).map((index) => rules[index] as RoutableRule);
  }

  /** Enabled archives recording the bus. */
  archivesFor(busName: string): readonly RoutableArchive[] {
    return this.load(busName).archives;
  }

  /** Forgets the cached view of one bus (or of all buses). */
  invalidate(busName?: string): void {
    if (busName === undefined) this.routes.clear();
    else this.routes.delete(busName);
  }

  private load(busName: string): BusRoutes {
    let routes = this.routes.get(busName);
    if (!routes) {
      const rules = this.store
        .listRules(busName)
        .filter((rule) => rule.state !== 'DISABLED')
        .map((rule) => ({
          rule,
          pattern: compileEventPattern(rule.eventPattern),
          targets: this.store.listTargets(busName, rule.name),
        }));
      routes = {
        rules,
        ruleSet: compileRuleSet(rules.map((rule) => rule.pattern)),
        archives: this.store
          .listArchives()
          .filter((archive) => archive.sourceBusName === busName && archive.state === 'ENABLED')
          .map((archive) => ({
            archive,
            ...(archive.eventPattern !== undefined && { pattern: compileEventPattern(archive.eventPattern) }),
          })),
      };
      this.routes.set(busName, routes);
    }
    return routes;
  }
}
