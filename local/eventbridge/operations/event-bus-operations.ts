import { ResourceAlreadyExistsError, ValidationError } from '../errors';
import { DEFAULT_BUS_NAME } from '../model/aws-identity';
import type { EventBusRecord } from '../model/eventbridge-model';
import { paginate } from '../protocol/pagination';
import {
  BUS_NAME,
  BUS_NAME_OR_ARN,
  epochSeconds,
  LIST_LIMIT,
  type Operation,
  type OperationContext,
  requireBus,
} from './operation-context';

function describe(bus: EventBusRecord): Record<string, unknown> {
  return {
    Name: bus.name,
    Arn: bus.arn,
    ...(bus.description !== undefined && { Description: bus.description }),
    CreationTime: epochSeconds(bus.createdAt),
    LastModifiedTime: epochSeconds(bus.createdAt),
  };
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
  const name = input.string('Name', BUS_NAME);
  const description = input.optionalString('Description', { max: 512 });
  if (input.input.EventSourceName !== undefined) {
    throw new ValidationError('Partner event sources are not supported by the local endpoint.');
  }
  if (context.store.getBus(name)) throw new ResourceAlreadyExistsError(`Event bus ${name} already exists.`);
  const bus: EventBusRecord = {
    name,
    arn: context.arns.bus(name),
    ...(description !== undefined && { description }),
    createdAt: context.now(),
  };
  context.store.putBus(bus);
  return { EventBusArn: bus.arn, ...(description !== undefined && { Description: description }) };
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
  const name = input.string('Name', BUS_NAME);
  if (name === DEFAULT_BUS_NAME) throw new ValidationError('Cannot delete event bus default.');
  context.store.deleteBus(name);
  context.routing.invalidate(name);
  return {};
};
