import { isRecord } from '../../platform/is-record';
import { invalidParameter, missingParameter, SqsError } from '../sqs-error';
import type { MessageAttributes, MessageAttributeValue } from '../sqs-message';

/**
 * Typed, validating access to one operation's parameters in the JSON protocol's shape (the query
 * protocol is converted to that shape first). Numbers may arrive as strings from the query
 * protocol; binary values arrive base64-encoded from both.
 */
export class OperationInput {
  private readonly raw: Record<string, unknown>;

  constructor(raw: unknown) {
    if (!isRecord(raw))
      throw new SqsError('SerializationException', 'The request body must be a JSON object.');
    this.raw = raw;
  }

  requiredString(name: string): string {
    const value = this.optionalString(name);
    if (value === undefined) throw missingParameter(name);
    return value;
  }

  optionalString(name: string): string | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw invalidParameter(name, JSON.stringify(value), 'Must be a string.');
    return value;
  }

  optionalInteger(name: string, min: number, max: number): number | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    const parsed = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof parsed !== 'number' || !Number.isInteger(parsed) || parsed < min || parsed > max) {
      throw invalidParameter(
        name,
        typeof value === 'string' ? value : JSON.stringify(value),
        `Must be between ${min} and ${max}, if provided.`,
      );
    }
    return parsed;
  }

  requiredInteger(name: string, min: number, max: number): number {
    const value = this.optionalInteger(name, min, max);
    if (value === undefined) throw missingParameter(name);
    return value;
  }

  optionalStringList(name: string): string[] | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      throw invalidParameter(name, JSON.stringify(value), 'Must be a list of strings.');
    }
    return value as string[];
  }

  optionalStringMap(name: string): Record<string, string> | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (!isRecord(value) || !Object.values(value).every((item) => typeof item === 'string')) {
      throw invalidParameter(name, JSON.stringify(value), 'Must be a map of strings.');
    }
    return value as Record<string, string>;
  }

  optionalMessageAttributes(name: string): MessageAttributes | undefined {
    const value = this.raw[name];
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
        throw invalidParameter(
          `${name}.${key}.StringValue`,
          JSON.stringify(StringValue),
          'Must be a string.',
        );
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

  /** Batch entries: a list of objects, each read through its own OperationInput. */
  entries(name: string): OperationInput[] {
    const value = this.raw[name];
    if (value === undefined || value === null) {
      throw new SqsError('EmptyBatchRequest', 'There should be at least one entry in the request.');
    }
    if (!Array.isArray(value))
      throw invalidParameter(name, JSON.stringify(value), 'Must be a list of entries.');
    return value.map((entry) => new OperationInput(entry));
  }
}
