import { ValidationError } from '../errors';

/** Constraints AWS's API model puts on a string member. */
export interface StringConstraints {
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: RegExp;
}

/** AWS names members in validation messages in camelCase (`eventBusName`). */
function memberName(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function invalid(value: unknown, name: string, constraint: string): ValidationError {
  const shown =
    value === undefined || value === null
      ? 'null'
      : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
  return new ValidationError(
    `1 validation error detected: Value ${shown} at '${memberName(name)}' failed to satisfy constraint: ${constraint}`,
  );
}

/**
 * Reads the members of a JSON request body with the checks AWS's API model applies (required,
 * type, length, pattern), throwing `ValidationException` with AWS's wording on the first
 * violation. Nothing is written before every member an operation needs has been read.
 */
export class InputReader {
  constructor(readonly input: Readonly<Record<string, unknown>>) {}

  /** A nested structure member, read with its own reader. */
  object(name: string, required: true): InputReader;
  object(name: string, required?: false): InputReader | undefined;
  object(name: string, required = false): InputReader | undefined {
    const value = this.input[name];
    if (value === undefined || value === null) {
      if (required) throw invalid(value, name, 'Member must not be null');
      return undefined;
    }
    if (typeof value !== 'object' || Array.isArray(value))
      throw invalid(value, name, 'Member must be a structure');
    return new InputReader(value as Record<string, unknown>);
  }

  string(name: string, constraints?: StringConstraints): string {
    const value = this.optionalString(name, constraints);
    if (value === undefined) throw invalid(value, name, 'Member must not be null');
    return value;
  }

  optionalString(name: string, constraints: StringConstraints = {}): string | undefined {
    const value = this.input[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw invalid(value, name, 'Member must be a string');
    if (constraints.min !== undefined && value.length < constraints.min) {
      throw invalid(value, name, `Member must have length greater than or equal to ${constraints.min}`);
    }
    if (constraints.max !== undefined && value.length > constraints.max) {
      throw invalid(value, name, `Member must have length less than or equal to ${constraints.max}`);
    }
    if (constraints.pattern && !constraints.pattern.test(value)) {
      throw invalid(
        value,
        name,
        `Member must satisfy regular expression pattern: ${constraints.pattern.source}`,
      );
    }
    return value;
  }

  optionalNumber(name: string, range: { min?: number; max?: number } = {}): number | undefined {
    const value = this.input[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw invalid(value, name, 'Member must be a number');
    if (range.min !== undefined && value < range.min) {
      throw invalid(value, name, `Member must have value greater than or equal to ${range.min}`);
    }
    if (range.max !== undefined && value > range.max) {
      throw invalid(value, name, `Member must have value less than or equal to ${range.max}`);
    }
    return value;
  }

  /** A timestamp member: the JSON protocol sends epoch seconds. Returns epoch milliseconds. */
  timestamp(name: string): number {
    const value = this.input[name];
    if (value === undefined || value === null) throw invalid(value, name, 'Member must not be null');
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw invalid(value, name, 'Member must be a timestamp');
    return Math.round(value * 1000);
  }

  /** A list member; each item is returned as given, for the caller to check. */
  list(name: string, range: { min?: number; max?: number; required?: boolean } = {}): unknown[] | undefined {
    const value = this.input[name];
    if (value === undefined || value === null) {
      if (range.required) throw invalid(value, name, 'Member must not be null');
      return undefined;
    }
    if (!Array.isArray(value)) throw invalid(value, name, 'Member must be a list');
    if (range.min !== undefined && value.length < range.min) {
      throw invalid(value, name, `Member must have length greater than or equal to ${range.min}`);
    }
    if (range.max !== undefined && value.length > range.max) {
      throw invalid(value, name, `Member must have length less than or equal to ${range.max}`);
    }
    return value;
  }

  /** A list of strings, each within the constraints. */
  stringList(
    name: string,
    constraints: StringConstraints & { maxItems?: number } = {},
  ): string[] | undefined {
    const items = this.list(name, {
      ...(constraints.maxItems !== undefined && { max: constraints.maxItems }),
    });
    if (!items) return undefined;
    return items.map((_, index) => new InputReader({ [name]: items[index] }).string(name, constraints));
  }
}
