import { createHash } from 'node:crypto';
import type { MessageAttributeValue } from './sqs-message';

/** MD5 hex of the UTF-8 body; the SDK recomputes it on send and receive and throws on a mismatch. */
export function md5OfBody(body: string): string {
  return createHash('md5').update(body, 'utf8').digest('hex');
}

/**
 * MD5 of message (or message system) attributes with the algorithm the SQS developer guide
 * documents: attributes sorted by name, each encoded as length-prefixed name, length-prefixed
 * data type, one transport byte (1 = string/number, 2 = binary) and the length-prefixed value,
 * lengths as 4-byte big-endian integers. Undefined when there are no attributes, as SQS omits it.
 */
export function md5OfMessageAttributes(
  attributes: Readonly<Record<string, MessageAttributeValue>> | undefined,
): string | undefined {
  const names = Object.keys(attributes ?? {}).sort();
  if (attributes === undefined || names.length === 0) return undefined;
  const hash = createHash('md5');
  const lengthPrefixed = (bytes: Buffer): void => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length);
    hash.update(bytes);
  };
  for (const name of names) {
    const attribute = attributes[name] as MessageAttributeValue;
    lengthPrefixed(Buffer.from(name, 'utf8'));
    lengthPrefixed(Buffer.from(attribute.DataType, 'utf8'));
    if (attribute.BinaryValue !== undefined) {
      hash.update(Buffer.from([2]));
      lengthPrefixed(attribute.BinaryValue);
    } else {
      hash.update(Buffer.from([1]));
      lengthPrefixed(Buffer.from(attribute.StringValue ?? '', 'utf8'));
    }
  }
  return hash.digest('hex');
}
