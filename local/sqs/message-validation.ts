import { invalidParameter, SqsError } from './errors';
import type { MessageAttributes, MessageAttributeValue } from './sqs-message';

/** XML 1.0 characters: what SQS accepts in bodies and string attribute values. */
const INVALID_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_\-.]{1,256}$/;
const MAX_ATTRIBUTES = 10;

export function validateBody(body: string): void {
  if (body.length === 0) {
    throw new SqsError('MissingParameter', 'The request must contain the parameter MessageBody.');
  }
  if (INVALID_CHARACTER.test(body)) {
    throw new SqsError('InvalidMessageContents', 'Invalid binary character in message body.');
  }
}

function validateAttribute(name: string, value: MessageAttributeValue, label: string): void {
  if (!ATTRIBUTE_NAME.test(name) || name.startsWith('.') || name.endsWith('.') || name.includes('..')) {
    throw invalidParameter(`${label}.Name`, name, 'Invalid attribute name.');
  }
  if (/^(aws\.|amazon\.)/i.test(name)) {
    throw invalidParameter(`${label}.Name`, name, 'Attribute names cannot start with AWS. or Amazon.');
  }
  const type = value.DataType;
  if (typeof type !== 'string' || type.length === 0 || type.length > 256) {
    throw new SqsError(
      'InvalidParameterValue',
      `The message attribute '${name}' must contain a non-empty attribute type.`,
    );
  }
  const base = type.split('.')[0];
  if (base !== 'String' && base !== 'Number' && base !== 'Binary') {
    throw new SqsError(
      'InvalidParameterValue',
      `The type of message attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
    );
  }
  if (base === 'Binary') {
    if (
      value.BinaryValue === undefined ||
      value.BinaryValue.length === 0 ||
      value.StringValue !== undefined
    ) {
      throw new SqsError(
        'InvalidParameterValue',
        `The message attribute '${name}' with type 'Binary' must use field 'Binary'.`,
      );
    }
    return;
  }
  if (value.StringValue === undefined || value.StringValue.length === 0 || value.BinaryValue !== undefined) {
    throw new SqsError(
      'InvalidParameterValue',
      `The message attribute '${name}' must contain a non-empty message attribute value for message attribute type '${base}'.`,
    );
  }
  if (INVALID_CHARACTER.test(value.StringValue)) {
    throw new SqsError('InvalidMessageContents', `Invalid binary character in message attribute '${name}'.`);
  }
  if (base === 'Number' && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.StringValue.trim())) {
    throw new SqsError(
      'InvalidParameterValue',
      `Can't cast the value of message (user) attribute '${name}' to a number.`,
    );
  }
}

/** Validates user message attributes (at most 10, names and types as SQS documents them). */
export function validateMessageAttributes(attributes: MessageAttributes | undefined): void {
  if (attributes === undefined) return;
  const names = Object.keys(attributes);
  if (names.length > MAX_ATTRIBUTES) {
    throw new SqsError(
      'InvalidParameterValue',
      `Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`,
    );
  }
  for (const name of names)
    validateAttribute(name, attributes[name] as MessageAttributeValue, 'MessageAttribute');
}

/** Only `AWSTraceHeader` (a String) is a settable message system attribute. */
export function validateSystemAttributes(attributes: MessageAttributes | undefined): void {
  if (attributes === undefined) return;
  for (const [name, value] of Object.entries(attributes)) {
    if (name !== 'AWSTraceHeader') {
      throw invalidParameter('MessageSystemAttributes', name, 'Only AWSTraceHeader is supported.');
    }
    if (value.DataType !== 'String' || value.StringValue === undefined || value.StringValue.length === 0) {
      throw invalidParameter('MessageSystemAttributes', name, 'AWSTraceHeader must be a non-empty String.');
    }
  }
}

/** Size SQS counts against MaximumMessageSize: body plus attribute names, types and values. */
export function messageSize(body: string, attributes: MessageAttributes | undefined): number {
  let size = Buffer.byteLength(body, 'utf8');
  for (const [name, value] of Object.entries(attributes ?? {})) {
    size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(value.DataType, 'utf8');
    size += value.BinaryValue?.length ?? Buffer.byteLength(value.StringValue ?? '', 'utf8');
  }
  return size;
}

/** Message and deduplication ids: up to 128 characters, alphanumeric and punctuation. */
export function validateFifoId(name: string, value: string): void {
  if (value.length === 0 || value.length > 128 || !/^[!-~]+$/.test(value)) {
    throw invalidParameter(
      name,
      value,
      `${name} can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
    );
  }
}
