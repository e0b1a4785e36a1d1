import type { OperationInput } from '../../endpoint';
import type { EventDispatcher } from '../engine/event-dispatcher';
import type { ReplayRunner } from '../engine/replay-runner';
import type { RoutingTable } from '../engine/routing-table';
import type { RuleCounters } from '../engine/rule-counters';
import { ResourceNotFoundError } from '../errors';
import type { EventBridgeArns } from '../records/aws-identity';
import { DEFAULT_BUS_NAME } from '../records/aws-identity';
import type { EventBusRecord, RuleRecord } from '../records/eventbridge-records';
import type { EventBridgeStore } from '../store/eventbridge-store';

/** What every operation may use. */
export interface OperationContext {
  readonly store: EventBridgeStore;
  readonly arns: EventBridgeArns;
  readonly routing: RoutingTable;
  readonly dispatcher: EventDispatcher;
  readonly replays: ReplayRunner;
  /** Per-rule counts; a deleted rule's are forgotten with it. */
  readonly ruleCounters: RuleCounters;
  readonly region: string;
  now(): number;
}

/** One API operation: validates its whole input first, then changes state, then answers. */
export type Operation = (context: OperationContext, input: OperationInput) => unknown;

/** Name constraints from the API model. */
export const RULE_NAME = { min: 1, max: 64, pattern: /^[.\-_A-Za-z0-9]+$/ };
export const BUS_NAME = { min: 1, max: 256, pattern: /^[/.\-_A-Za-z0-9]+$/ };
export const BUS_NAME_OR_ARN = {
  min: 1,
  max: 1600,
  pattern: /^(arn:aws[\w-]*:events:[a-z]+-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[/.\-_A-Za-z0-9]+$/,
};
export const ARCHIVE_NAME = { min: 1, max: 48, pattern: /^[.\-_A-Za-z0-9]+$/ };
export const REPLAY_NAME = { min: 1, max: 64, pattern: /^[.\-_A-Za-z0-9]+$/ };
export const LIST_LIMIT = { min: 1, max: 100 };

/** API timestamps are epoch seconds in the JSON protocol. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

/**
 * The bus named by `EventBusName` (a name or an ARN; the default bus when absent).
 * @throws ResourceNotFoundError when it does not exist.
 */
export function requireBus(context: OperationContext, nameOrArn: string | undefined): EventBusRecord {
  const name = nameOrArn === undefined ? DEFAULT_BUS_NAME : context.arns.busNameOf(nameOrArn);
  const bus = context.store.getBus(name);
  if (!bus) throw new ResourceNotFoundError(`Event bus ${name} does not exist.`);
  return bus;
}

/** @throws ResourceNotFoundError when the rule does not exist on the bus. */
export function requireRule(context: OperationContext, bus: EventBusRecord, ruleName: string): RuleRecord {
  const rule = context.store.getRule(bus.name, ruleName);
  if (!rule) throw new ResourceNotFoundError(`Rule ${ruleName} does not exist on EventBus ${bus.name}.`);
  return rule;
}
