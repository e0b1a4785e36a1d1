import type { OperationInput } from '../../endpoint';
import { ResourceAlreadyExistsError, ValidationError } from '../errors';
import { paginate } from '../protocol/pagination';
import { DEFAULT_BUS_NAME } from '../records/aws-identity';
import type { EventBusRecord } from '../records/eventbridge-records';
import {
  BUS_NAME,
  BUS_NAME_OR_ARN,
  epochSeconds,
  LIST_LIMIT,
  type Operation,
  type OperationContext,
  requireBus,
} from './operation-context';
import { readTags } from './tag-operations';

const KMS_KEY_IDENTIFIER = { min: 0, max: 2048 };

function describe(bus: EventBusRecord): Record<string, unknown> {
  return {
    Name: bus.name,
    Arn: bus.arn,
    ...(bus.description !== undefined && { Description: bus.description }),
    ...(bus.kmsKeyIdentifier !== undefined && { KmsKeyIdentifier: bus.kmsKeyIdentifier }),
    ...(bus.deadLetterConfig !== undefined && { DeadLetterConfig: bus.deadLetterConfig }),
    ...(bus.policy !== undefined && { Policy: bus.policy }),
    CreationTime: epochSeconds(bus.createdAt),
    LastModifiedTime: epochSeconds(bus.modifiedAt ?? bus.createdAt),
  };
}

/** Reads the `DeadLetterConfig` structure of CreateEventBus and UpdateEventBus. */
function readDeadLetterConfig(input: OperationInput): { Arn?: string } | undefined {
  const config = input.optionalStructure('DeadLetterConfig');
  if (!config) return undefined;
  const arn = config.optionalString('Arn', { min: 1, max: 1600 });
  return arn === undefined ? {} : { Arn: arn };
}

/** Creates the `default` bus on first start, as every AWS account has one. */
export function ensureDefaultBus(context: OperationContext): void {
  if (context.store.getBus(DEFAULT_BUS_NAME)) return;
  context.store.putBus({
    name: DEFAULT_BUS_NAME,
    arn: context.arns.bus(DEFAULT_BUS_NAME),
    createdAt: context.now(),
  });
}

/** CreateEventBus: a custom bus; `default` and existing names are refused. */
export const createEventBus: Operation = (context, input) => {
  const name = input.requiredString('Name', BUS_NAME);
  const description = input.optionalString('Description', { max: 512 });
  const kmsKeyIdentifier = input.optionalString('KmsKeyIdentifier', KMS_KEY_IDENTIFIER);
  const deadLetterConfig = readDeadLetterConfig(input);
  const tags = readTags(input, false);
  if (input.members.EventSourceName !== undefined) {
    throw new ValidationError('Partner event sources are not supported by the local endpoint.');
  }
  if (context.store.getBus(name)) throw new ResourceAlreadyExistsError(`Event bus ${name} already exists.`);
  const bus: EventBusRecord = {
    name,
    arn: context.arns.bus(name),
    ...(description !== undefined && { description }),
    ...(kmsKeyIdentifier !== undefined && { kmsKeyIdentifier }),
    ...(deadLetterConfig !== undefined && { deadLetterConfig }),
    createdAt: context.now(),
  };
  context.store.transaction(() => {
    context.store.putBus(bus);
    if (tags) context.store.putTags(bus.arn, tags);
  });
  return {
    EventBusArn: bus.arn,
    ...(description !== undefined && { Description: description }),
    ...(kmsKeyIdentifier !== undefined && { KmsKeyIdentifier: kmsKeyIdentifier }),
    ...(deadLetterConfig !== undefined && { DeadLetterConfig: deadLetterConfig }),
  };
};

/**
 * UpdateEventBus: changes the description, KMS key identifier or dead-letter configuration of a
 * bus (the default bus when no Name is given); members left out keep their values.
 */
export const updateEventBus: Operation = (context, input) => {
  const name = input.optionalString('Name', BUS_NAME);
  const description = input.optionalString('Description', { max: 512 });
  const kmsKeyIdentifier = input.optionalString('KmsKeyIdentifier', KMS_KEY_IDENTIFIER);
  const deadLetterConfig = readDeadLetterConfig(input);
  const existing = requireBus(context, name);
  const bus: EventBusRecord = {
    ...existing,
    ...(description !== undefined && { description }),
    ...(kmsKeyIdentifier !== undefined && { kmsKeyIdentifier }),
    ...(deadLetterConfig !== undefined && { deadLetterConfig }),
    modifiedAt: context.now(),
  };
  context.store.putBus(bus);
  return {
    Arn: bus.arn,
    Name: bus.name,
    ...(bus.description !== undefined && { Description: bus.description }),
    ...(bus.kmsKeyIdentifier !== undefined && { KmsKeyIdentifier: bus.kmsKeyIdentifier }),
    ...(bus.deadLetterConfig !== undefined && { DeadLetterConfig: bus.deadLetterConfig }),
  };
};

/** DescribeEventBus: by name or ARN, the default bus when none is given. */
export const describeEventBus: Operation = (context, input) => {
  return describe(requireBus(context, input.optionalString('Name', BUS_NAME_OR_ARN)));
};

/** ListEventBuses: with NamePrefix, Limit and NextToken. */
export const listEventBuses: Operation = (context, input) => {
  const prefix = input.optionalString('NamePrefix', { min: 1, max: 256 });
  const limit = input.optionalNumber('Limit', LIST_LIMIT);
  const token = input.optionalString('NextToken', { min: 1, max: 2048 });
  const buses = context.store
    .listBuses()
    .filter((bus) => prefix === undefined || bus.name.startsWith(prefix));
  const page = paginate(buses, limit, token);
  return { EventBuses: page.items.map(describe), ...(page.nextToken && { NextToken: page.nextToken }) };
};

/** DeleteEventBus: removes a custom bus with its rules; deleting a missing bus succeeds, as in AWS. */
export const deleteEventBus: Operation = (context, input) => {
  const name = input.requiredString('Name', BUS_NAME);
  if (name === DEFAULT_BUS_NAME) throw new ValidationError('Cannot delete event bus default.');
  const rules = context.store.listRules(name);
  context.store.deleteBus(name);
  for (const rule of rules) context.ruleCounters.forget(rule.arn);
  context.routing.invalidate(name);
  return {};
};
