import { isRecord } from '../../../common/is-record';
import type { InputDialect, InputRule, InputViolation, MemberType } from '../../endpoint';
import { OperationInput } from '../../endpoint';
import { invalidParameter, missingParameter, SqsError } from '../errors';
import type { MessageAttributes, MessageAttributeValue } from '../sqs-message';

/** The reason SQS gives for a member of the wrong type. */
const TYPE_REASONS: Readonly<Record<MemberType, string>> = {
  structure: 'Must be a structure.',
  string: 'Must be a string.',
  number: 'Must be a number.',
  integer: 'Must be an integer.',
  timestamp: 'Must be a timestamp.',
  list: 'Must be a list.',
  'string list': 'Must be a list of strings.',
  'string map': 'Must be a map of strings.',
};

/** SQS's wording of a broken rule: MissingParameter, or InvalidParameterValue with a reason. */
function sqsInputError({ member, type, value, rule, range, list }: InputViolation): SqsError {
  // A list of strings is reported whole, whichever item broke it.
  if (list !== undefined || type === 'string list') {
    return invalidParameter(member, JSON.stringify(list ?? value), TYPE_REASONS['string list']);
  }
  if (rule.kind === 'required') return missingParameter(member);
  if (type === 'integer' || type === 'number') {
    // Type and range alike: SQS states the whole range (it reads every number with both ends)
    // and shows text as it came.
    return invalidParameter(
      member,
      typeof value === 'string' ? value : JSON.stringify(value),
      `Must be between ${range?.min} and ${range?.max}, if provided.`,
    );
  }
  return invalidParameter(member, JSON.stringify(value), reason(type, rule));
}

/** Why a value other than a number is refused; SQS reads its strings without length or pattern rules. */
function reason(type: MemberType, rule: InputRule): string {
  switch (rule.kind) {
    case 'min-length':
      return `Must be at least ${rule.limit} long.`;
    case 'max-length':
      return `Must be at most ${rule.limit} long.`;
    case 'pattern':
      return `Must match ${rule.pattern.source}.`;
    default:
      return TYPE_REASONS[type];
  }
}

/**
 * How SQS reads its input: numbers may come as text (the query protocol is converted to the JSON
 * shape first, its values still text), and broken rules answer SQS's errors.
 */
export const SQS_INPUT: InputDialect = {
  numbersAsText: true,
  notAnObject: () => new SqsError('SerializationException', 'The request body must be a JSON object.'),
  invalid: sqsInputError,
};

/** A reader of one SQS operation's input, in either protocol. */
export const sqsInput = (raw: unknown): OperationInput => new OperationInput(raw, SQS_INPUT);

/** Message attributes (`MessageAttributes`, `MessageSystemAttributes`); binary values arrive base64-encoded. */
export function readMessageAttributes(input: OperationInput, name: string): MessageAttributes | undefined {
  const value = input.members[name];
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw invalidParameter(name, JSON.stringify(value), 'Must be a map of attributes.');
  const attributes: Record<string, MessageAttributeValue> = {};
  for (const [key, item] of Object.entries(value)) {
    if (!isRecord(item))
      throw invalidParameter(`${name}.${key}`, JSON.stringify(item), 'Must be an attribute value.');
    const { DataType, StringValue, BinaryValue } = item;
    if (typeof DataType !== 'string') {
      throw new SqsError(
        'InvalidParameterValue',
        `The message attribute '${key}' must contain a non-empty attribute type.`,
      );
    }
    if (StringValue !== undefined && StringValue !== null && typeof StringValue !== 'string') {
      throw invalidParameter(`${name}.${key}.StringValue`, JSON.stringify(StringValue), 'Must be a string.');
    }
    if (BinaryValue !== undefined && BinaryValue !== null && typeof BinaryValue !== 'string') {
      throw invalidParameter(`${name}.${key}.BinaryValue`, JSON.stringify(BinaryValue), 'Must be base64.');
    }
    attributes[key] = {
      DataType,
      ...(typeof StringValue === 'string' && { StringValue }),
      ...(typeof BinaryValue === 'string' && { BinaryValue: Buffer.from(BinaryValue, 'base64') }),
    };
  }
  return attributes;
}

/** Batch entries: a list of objects, each read through its own reader. */
export function batchEntries(input: OperationInput, name: string): OperationInput[] {
  const value = input.members[name];
  if (value === undefined || value === null) {
    throw new SqsError('EmptyBatchRequest', 'There should be at least one entry in the request.');
  }
  if (!Array.isArray(value))
    throw invalidParameter(name, JSON.stringify(value), 'Must be a list of entries.');
  return value.map((entry) => input.nested(entry));
}
