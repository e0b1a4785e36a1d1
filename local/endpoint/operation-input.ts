import { isRecord } from '../../common/is-record';

/** Constraints AWS's API model puts on a string member. */
export interface StringConstraints {
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: RegExp;
}

/** Bounds of a number member's value. */
export interface NumberRange {
  readonly min?: number;
  readonly max?: number;
}

/** Bounds of a list member's length. */
export interface ListLength {
  readonly min?: number;
  readonly max?: number;
}

/** What a member is read as; a violation names it, so that a service can word its message. */
export type MemberType =
  | 'structure'
  | 'string'
  | 'number'
  | 'integer'
  | 'timestamp'
  | 'list'
  | 'string list'
  | 'string map';

/** The rule of the API model a member broke. */
export type InputRule =
  | { readonly kind: 'required' }
  | { readonly kind: 'type' }
  | { readonly kind: 'min-length' | 'max-length' | 'min-value' | 'max-value'; readonly limit: number }
  | { readonly kind: 'pattern'; readonly pattern: RegExp };

/** One broken rule, with what a service needs to word it as AWS does. */
export interface InputViolation {
  /** The member as the request names it, e.g. `QueueUrl`, `EventBusName`. */
  readonly member: string;
  /** What the member (or, for an item of a list, the item) was read as. */
  readonly type: MemberType;
  /** The value that broke the rule: the member's, or an item's; undefined when it is missing. */
  readonly value: unknown;
  readonly rule: InputRule;
  /** The range a number was read with, for services that state it whole. */
  readonly range?: NumberRange;
  /** When `value` is one item of a list member: the whole list. */
  readonly list?: readonly unknown[];
}

/**
 * How one service reads its input: the errors it answers (so each keeps its own codes and
 * wording) and what its protocols send numbers as.
 */
export interface InputDialect {
  /** The error for a body, or a structure read from a list, that is not a JSON object. */
  notAnObject(value: unknown): Error;
  /** The error for a member that breaks a rule. */
  invalid(violation: InputViolation): Error;
  /**
   * Number members may arrive as integer text, as the query protocol sends every value.
   * @default false
   */
  readonly numbersAsText?: boolean;
}

const absent = (value: unknown): value is undefined | null => value === undefined || value === null;

/**
 * Typed, validating access to the members of one operation's input in the JSON protocol's
 * shape (a protocol that sends another shape converts it first), for every emulated service.
 * The checks are the API model's (required, type, length, pattern, range) and are made in the
 * order the members are read; the first broken rule is thrown as the error the service's
 * dialect words for it. A member that is null counts as absent.
 */
export class OperationInput {
  /** The members as received, for what no reader below covers. */
  readonly members: Readonly<Record<string, unknown>>;

  /** @throws the dialect's `notAnObject` error when `raw` is not a JSON object. */
  constructor(
    raw: unknown,
    private readonly dialect: InputDialect,
  ) {
    if (!isRecord(raw)) throw dialect.notAnObject(raw);
    this.members = raw;
  }

  /** A reader of another structure (a batch entry, a list item), in the same dialect. */
  nested(raw: unknown): OperationInput {
    return new OperationInput(raw, this.dialect);
  }

  requiredString(name: string, constraints: StringConstraints = {}): string {
    return this.checkString(name, this.members[name], constraints);
  }

  optionalString(name: string, constraints: StringConstraints = {}): string | undefined {
    const value = this.members[name];
    return absent(value) ? undefined : this.checkString(name, value, constraints);
  }

  /** An integer member; with the dialect's `numbersAsText`, integer text is read too. */
  requiredInteger(name: string, range: NumberRange = {}): number {
    return this.checkNumber(name, this.members[name], 'integer', range);
  }

  optionalInteger(name: string, range: NumberRange = {}): number | undefined {
    const value = this.members[name];
    return absent(value) ? undefined : this.checkNumber(name, value, 'integer', range);
  }

  /** A number member, fractions allowed. */
  optionalNumber(name: string, range: NumberRange = {}): number | undefined {
    const value = this.members[name];
    return absent(value) ? undefined : this.checkNumber(name, value, 'number', range);
  }

  /** A timestamp member: the JSON protocol sends epoch seconds. Returns epoch milliseconds. */
  requiredTimestamp(name: string): number {
    const value = this.members[name];
    if (absent(value)) throw this.invalid(name, 'timestamp', value, { kind: 'required' });
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw this.invalid(name, 'timestamp', value, { kind: 'type' });
    return Math.round(value * 1000);
  }

  /** A nested structure member, read with its own reader. */
  requiredStructure(name: string): OperationInput {
    const value = this.members[name];
    if (absent(value)) throw this.invalid(name, 'structure', value, { kind: 'required' });
    return this.checkStructure(name, value);
  }

  optionalStructure(name: string): OperationInput | undefined {
    const value = this.members[name];
    return absent(value) ? undefined : this.checkStructure(name, value);
  }

  /** A list member; each item is returned as given, for the caller to check. */
  requiredList(name: string, length: ListLength = {}): unknown[] {
    const value = this.members[name];
    if (absent(value)) throw this.invalid(name, 'list', value, { kind: 'required' });
    return this.checkList(name, value, 'list', length);
  }

  optionalList(name: string, length: ListLength = {}): unknown[] | undefined {
    const value = this.members[name];
    return absent(value) ? undefined : this.checkList(name, value, 'list', length);
  }

  /** A list of strings, each within the constraints; its items are checked in order. */
  optionalStringList(
    name: string,
    constraints: StringConstraints & { readonly maxItems?: number } = {},
  ): string[] | undefined {
    const value = this.members[name];
    if (absent(value)) return undefined;
    const { maxItems, ...itemConstraints } = constraints;
    const items = this.checkList(name, value, 'string list', maxItems === undefined ? {} : { max: maxItems });
    return items.map((item) => this.checkString(name, item, itemConstraints, items));
  }

  /** A map of strings to strings, checked whole. */
  optionalStringMap(name: string): Record<string, string> | undefined {
    const value = this.members[name];
    if (absent(value)) return undefined;
    if (!isRecord(value) || !Object.values(value).every((item) => typeof item === 'string'))
      throw this.invalid(name, 'string map', value, { kind: 'type' });
    return value as Record<string, string>;
  }

  private checkString(
    name: string,
    value: unknown,
    constraints: StringConstraints,
    list?: unknown[],
  ): string {
    const fail = (rule: InputRule): Error =>
      this.dialect.invalid({
        member: name,
        type: 'string',
        value,
        rule,
        ...(list !== undefined && { list }),
      });
    if (absent(value)) throw fail({ kind: 'required' });
    if (typeof value !== 'string') throw fail({ kind: 'type' });
    if (constraints.min !== undefined && value.length < constraints.min)
      throw fail({ kind: 'min-length', limit: constraints.min });
    if (constraints.max !== undefined && value.length > constraints.max)
      throw fail({ kind: 'max-length', limit: constraints.max });
    if (constraints.pattern !== undefined && !constraints.pattern.test(value))
      throw fail({ kind: 'pattern', pattern: constraints.pattern });
    return value;
  }

  private checkNumber(name: string, value: unknown, type: 'number' | 'integer', range: NumberRange): number {
    const fail = (rule: InputRule): Error => this.dialect.invalid({ member: name, type, value, rule, range });
    if (absent(value)) throw fail({ kind: 'required' });
    const parsed =
      this.dialect.numbersAsText === true && typeof value === 'string' && /^-?\d+$/.test(value.trim())
        ? Number(value)
        : value;
    if (
      typeof parsed !== 'number' ||
      !Number.isFinite(parsed) ||
      (type === 'integer' && !Number.isInteger(parsed))
    )
      throw fail({ kind: 'type' });
    if (range.min !== undefined && parsed < range.min) throw fail({ kind: 'min-value', limit: range.min });
    if (range.max !== undefined && parsed > range.max) throw fail({ kind: 'max-value', limit: range.max });
    return parsed;
  }

  private checkStructure(name: string, value: unknown): OperationInput {
    if (!isRecord(value)) throw this.invalid(name, 'structure', value, { kind: 'type' });
    return new OperationInput(value, this.dialect);
  }

  private checkList(name: string, value: unknown, type: MemberType, length: ListLength): unknown[] {
    if (!Array.isArray(value)) throw this.invalid(name, type, value, { kind: 'type' });
    if (length.min !== undefined && value.length < length.min)
      throw this.invalid(name, type, value, { kind: 'min-length', limit: length.min });
    if (length.max !== undefined && value.length > length.max)
      throw this.invalid(name, type, value, { kind: 'max-length', limit: length.max });
    return value;
  }

  private invalid(member: string, type: MemberType, value: unknown, rule: InputRule): Error {
    return this.dialect.invalid({ member, type, value, rule });
  }
}
