import type { OperationInput } from '../../endpoint';
import { ResourceNotFoundError, ValidationError } from '../errors';
import { DEFAULT_BUS_NAME } from '../records/aws-identity';
import type { Tag } from '../records/eventbridge-records';
import type { Operation, OperationContext } from './operation-context';

/** AWS allows 50 tags per resource. */
const MAX_TAGS = 50;
const TAG_KEY = { min: 1, max: 128 };
const TAG_VALUE = { min: 0, max: 256 };
const RESOURCE_ARN = { min: 1, max: 1600 };
const RULE_ARN = /^arn:[^:]+:events:[^:]*:[^:]*:rule\/(?:(.+)\/)?([^/]+)$/;

/**
 * Reads a `Tags` list member (`[{ Key, Value }]`), as TagResource, CreateEventBus and PutRule take it.
 * @param required whether the member must be present (TagResource) or may be absent.
 */
export function readTags(input: OperationInput, required: boolean): Tag[] | undefined {
  const items = required ? input.requiredList('Tags') : input.optionalList('Tags');
  if (!items) return undefined;
  if (items.length > MAX_TAGS) {
    throw new ValidationError(`A resource can have at most ${MAX_TAGS} tags (given ${items.length}).`);
  }
  return items.map((raw) => {
    const tag = input.nested({ Tags: raw }).requiredStructure('Tags');
    return { Key: tag.requiredString('Key', TAG_KEY), Value: tag.requiredString('Value', TAG_VALUE) };
  });
}

/**
 * The ARN of an existing taggable resource (an event bus or a rule), exactly as the store has it.
 * @throws ResourceNotFoundError when the ARN names no such bus or rule.
 */
function requireTaggable(context: OperationContext, arn: string): string {
  const busName = context.arns.busNameOfArn(arn);
  const rule = RULE_ARN.exec(arn);
  const found =
    busName !== undefined
      ? context.store.getBus(busName)
      : rule?.[2] !== undefined
        ? context.store.getRule(rule[1] ?? DEFAULT_BUS_NAME, rule[2])
        : undefined;
  if (found?.arn !== arn) throw new ResourceNotFoundError(`Resource ${arn} does not exist.`);
  return found.arn;
}

/** TagResource: adds tags to a bus or a rule, replacing the values of keys it has already. */
export const tagResource: Operation = (context, input) => {
  const arn = input.requiredString('ResourceARN', RESOURCE_ARN);
  const tags = readTags(input, true) ?? [];
  const resource = requireTaggable(context, arn);
  const keys = new Set([...context.store.listTags(resource), ...tags].map((tag) => tag.Key));
  if (keys.size > MAX_TAGS) {
    throw new ValidationError(`A resource can have at most ${MAX_TAGS} tags (would have ${keys.size}).`);
  }
  context.store.putTags(resource, tags);
  return {};
};

/** UntagResource: removes tags by key; keys the resource does not have are ignored, as in AWS. */
export const untagResource: Operation = (context, input) => {
  const arn = input.requiredString('ResourceARN', RESOURCE_ARN);
  input.requiredList('TagKeys');
  const keys = input.optionalStringList('TagKeys', TAG_KEY) ?? [];
  context.store.deleteTags(requireTaggable(context, arn), keys);
  return {};
};

/** ListTagsForResource. */
export const listTagsForResource: Operation = (context, input) => {
  const arn = input.requiredString('ResourceARN', RESOURCE_ARN);
  return { Tags: context.store.listTags(requireTaggable(context, arn)) };
};
