import { LOCAL_ACCOUNT_ID } from '../../platform/local-account';
import { ValidationError } from '../errors';
import { compileEventPattern } from '../pattern-engine';
import { paginate } from '../protocol/pagination';
import type { RuleRecord, RuleState } from '../records/eventbridge-records';
import {
  BUS_NAME_OR_ARN,
  LIST_LIMIT,
  type Operation,
  type OperationContext,
  RULE_NAME,
  requireBus,
  requireRule,
} from './operation-context';
import { readTags } from './tag-operations';

const RULE_STATES: readonly RuleState[] = [
  'ENABLED',
  'DISABLED',
  'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
];

function describe(rule: RuleRecord): Record<string, unknown> {
  return {
    Name: rule.name,
    Arn: rule.arn,
    EventPattern: rule.eventPattern,
    State: rule.state,
    ...(rule.description !== undefined && { Description: rule.description }),
    ...(rule.roleArn !== undefined && { RoleArn: rule.roleArn }),
    EventBusName: rule.busName,
  };
}

/** PutRule: creates or updates a rule with an event pattern (schedules are not emulated). */
export const putRule: Operation = (context, input) => {
  const name = input.requiredString('Name', RULE_NAME);
  const busNameOrArn = input.optionalString('EventBusName', BUS_NAME_OR_ARN);
  const eventPattern = input.optionalString('EventPattern', { max: 4096 });
  const schedule = input.optionalString('ScheduleExpression', { max: 256 });
  const state = input.optionalString('State');
  const description = input.optionalString('Description', { max: 512 });
  const roleArn = input.optionalString('RoleArn', { min: 1, max: 1600 });
  const tags = readTags(input, false);
  if (schedule !== undefined) {
    throw new ValidationError(
      'ScheduleExpression is not supported by the local endpoint; use an EventPattern.',
    );
  }
  if (eventPattern === undefined) {
    throw new ValidationError('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  }
  if (state !== undefined && !RULE_STATES.includes(state as RuleState)) {
    throw new ValidationError(
      `1 validation error detected: Value '${state}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [${RULE_STATES.join(', ')}]`,
    );
  }
  compileEventPattern(eventPattern);
  const bus = requireBus(context, busNameOrArn);
  const existing = context.store.getRule(bus.name, name);
  const rule: RuleRecord = {
    name,
    busName: bus.name,
    arn: context.arns.rule(bus.name, name),
    eventPattern,
    state: (state as RuleState | undefined) ?? 'ENABLED',
    ...(description !== undefined && { description }),
    ...(roleArn !== undefined && { roleArn }),
    createdAt: existing?.createdAt ?? context.now(),
  };
  context.store.transaction(() => {
    context.store.putRule(rule);
    if (tags) context.store.putTags(rule.arn, tags);
  });
  context.routing.invalidate(bus.name);
  return { RuleArn: rule.arn };
};

/** DescribeRule. */
export const describeRule: Operation = (context, input) => {
  const name = input.requiredString('Name', RULE_NAME);
  const bus = requireBus(context, input.optionalString('EventBusName', BUS_NAME_OR_ARN));
  return { ...describe(requireRule(context, bus, name)), CreatedBy: LOCAL_ACCOUNT_ID };
};

/** ListRules: with NamePrefix, Limit and NextToken. */
export const listRules: Operation = (context, input) => {
  const prefix = input.optionalString('NamePrefix', RULE_NAME);
  const bus = requireBus(context, input.optionalString('EventBusName', BUS_NAME_OR_ARN));
  const limit = input.optionalNumber('Limit', LIST_LIMIT);
  const token = input.optionalString('NextToken', { min: 1, max: 2048 });
  const rules = context.store
    .listRules(bus.name)
    .filter((rule) => prefix === undefined || rule.name.startsWith(prefix));
  const page = paginate(rules, limit, token);
  return { Rules: page.items.map(describe), ...(page.nextToken && { NextToken: page.nextToken }) };
};

/** ListRuleNamesByTarget: the names of the bus's rules with a target of that ARN, paged like ListRules. */
export const listRuleNamesByTarget: Operation = (context, input) => {
  const targetArn = input.requiredString('TargetArn', { min: 1, max: 1600 });
  const bus = requireBus(context, input.optionalString('EventBusName', BUS_NAME_OR_ARN));
  const limit = input.optionalNumber('Limit', LIST_LIMIT);
  const token = input.optionalString('NextToken', { min: 1, max: 2048 });
  const names = context.store
    .listRules(bus.name)
    .filter((rule) =>
      context.store.listTargets(bus.name, rule.name).some((target) => target.Arn === targetArn),
    )
    .map((rule) => rule.name);
  const page = paginate(names, limit, token);
  return { RuleNames: page.items, ...(page.nextToken && { NextToken: page.nextToken }) };
};

/** DeleteRule: refused while targets remain, as in AWS; deleting a missing rule succeeds. */
export const deleteRule: Operation = (context, input) => {
  const name = input.requiredString('Name', RULE_NAME);
  const bus = requireBus(context, input.optionalString('EventBusName', BUS_NAME_OR_ARN));
  if (context.store.listTargets(bus.name, name).length > 0) {
    throw new ValidationError("Rule can't be deleted since it has targets.");
  }
  context.store.deleteRule(bus.name, name);
  context.ruleCounters.forget(context.arns.rule(bus.name, name));
  context.routing.invalidate(bus.name);
  return {};
};

function setState(
  context: OperationContext,
  input: Parameters<Operation>[1],
  state: RuleState,
): Record<string, never> {
  const name = input.requiredString('Name', RULE_NAME);
  const bus = requireBus(context, input.optionalString('EventBusName', BUS_NAME_OR_ARN));
  const rule = requireRule(context, bus, name);
  context.store.putRule({ ...rule, state });
  context.routing.invalidate(bus.name);
  return {};
}

/** EnableRule. */
export const enableRule: Operation = (context, input) => setState(context, input, 'ENABLED');

/** DisableRule. */
export const disableRule: Operation = (context, input) => setState(context, input, 'DISABLED');
