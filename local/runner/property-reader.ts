import { UnsupportedTemplateError } from './errors';

/**
 * Reads a resource's resolved properties and insists every property is either used or
 * explicitly listed as having no local effect, so a property the local cloud does not know
 * (and might need to honour) is a startup error, not a silent difference from AWS.
 */
export class PropertyReader {
  private readonly used = new Set<string>();

  constructor(
    readonly logicalId: string,
    private readonly properties: Readonly<Record<string, unknown>>,
  ) {}

  /** The property, marked as used. */
  get(name: string): unknown {
    this.used.add(name);
    return this.properties[name];
  }

  string(name: string): string | undefined {
    const value = this.get(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') this.fail(`${name} must be a string (given ${JSON.stringify(value)})`);
    return value;
  }

  number(name: string): number | undefined {
    const value = this.get(name);
    if (value === undefined) return undefined;
    const number = typeof value === 'string' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number)) {
      this.fail(`${name} must be a number (given ${JSON.stringify(value)})`);
    }
    return number;
  }

  boolean(name: string): boolean | undefined {
    const value = this.get(name);
    if (value === undefined) return undefined;
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    return this.fail(`${name} must be a boolean (given ${JSON.stringify(value)})`);
  }

  /** Marks properties that have no local effect (encryption, backups, tags...). */
  ignore(...names: string[]): void {
    for (const name of names) this.used.add(name);
  }

  /** Throws when a property was neither used nor ignored. */
  assertAllKnown(type: string): void {
    const unknown = Object.keys(this.properties).filter((name) => !this.used.has(name));
    if (unknown.length > 0) {
      this.fail(`${type} properties not supported by the local cloud: ${unknown.join(', ')}`);
    }
  }

  fail(message: string): never {
    throw new UnsupportedTemplateError(this.logicalId, message);
  }
}
