import type { ErrorObject } from 'ajv-draft-04';

/**
 * Turns ajv errors into the messages API Gateway puts in `$context.error.validationErrorString`.
 * API Gateway validates models with a Java draft-04 validator whose messages read like
 * `object has missing required properties (["name"])` and lists them as `[msg, msg]`; this
 * reproduces that wording for the common keywords so clients parsing it see the same text.
 */
export function validationErrorString(errors: readonly ErrorObject[]): string {
  return `[${toMessages(errors).join(', ')}]`;
}

const json = (value: unknown): string => JSON.stringify(value) ?? 'null';

/** The primitive type names the Java validator reports (`integer` is its own type there). */
const typeOf = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
};

const COMPOSITES = new Set(['oneOf', 'anyOf', 'not']);

const branchCount = (error: ErrorObject): number => (Array.isArray(error.schema) ? error.schema.length : 0);

function toMessages(errors: readonly ErrorObject[]): string[] {
  // A failed oneOf/anyOf/not reports once for the instance, not once per failing branch.
  const compositePaths = errors
    .filter((error) => COMPOSITES.has(error.keyword))
    .map((error) => `${error.schemaPath}/`);
  const kept = errors.filter(
    (error) => !compositePaths.some((prefix) => error.schemaPath.startsWith(prefix)),
  );

  const messages: string[] = [];
  const grouped = new Map<string, { kind: 'required' | 'additional'; names: Set<string> }>();
  const allOfFailures = new Map<string, { total: number; failed: Set<string> }>();
  for (const error of kept) {
    const allOf = /^(.*?\/allOf)\/(\d+)\//.exec(error.schemaPath);
    if (allOf?.[1] && allOf[2]) {
      const key = `${error.instancePath}|${allOf[1]}`;
      const entry = allOfFailures.get(key) ?? { total: 0, failed: new Set<string>() };
      entry.failed.add(allOf[2]);
      allOfFailures.set(key, entry);
      if (!messages.includes(key)) messages.push(key);
      continue;
    }
    if (error.keyword === 'required' || error.keyword === 'additionalProperties') {
      const kind = error.keyword === 'required' ? 'required' : 'additional';
      const key = `${kind}|${error.instancePath}`;
      const params = error.params as { missingProperty?: string; additionalProperty?: string };
      const name = params.missingProperty ?? params.additionalProperty ?? '';
      const entry = grouped.get(key) ?? { kind, names: new Set<string>() };
      entry.names.add(name);
      grouped.set(key, entry);
      if (!messages.includes(key)) messages.push(key);
      continue;
    }
    messages.push(messageFor(error));
  }
  return messages.map((message) => {
    const group = grouped.get(message);
    if (group) {
      const names = json([...group.names].sort());
      return group.kind === 'required'
        ? `object has missing required properties (${names})`
        : `object instance has properties which are not allowed by the schema: ${names}`;
    }
    const allOf = allOfFailures.get(message);
    if (allOf) {
      const total = Math.max(allOf.failed.size, allOf.total);
      return `instance failed to match all required schemas (matched only ${total - allOf.failed.size} out of ${total})`;
    }
    return message;
  });
}

function messageFor(error: ErrorObject): string {
  const data: unknown = error.data;
  const params = error.params as Record<string, unknown>;
  const schema: unknown = error.schema;
  const length = typeof data === 'string' ? [...data].length : 0;
  switch (error.keyword) {
    case 'type': {
      const allowed = String(params.type ?? '')
        .split(',')
        .filter((type) => type !== '')
        .sort();
      return `instance type (${typeOf(data)}) does not match any allowed primitive type (allowed: ${json(allowed)})`;
    }
    case 'enum':
      return `instance value (${json(data)}) not found in enum (possible values: ${json(schema)})`;
    case 'minLength':
      return `string "${String(data)}" is too short (length: ${length}, required minimum: ${json(schema)})`;
    case 'maxLength':
      return `string "${String(data)}" is too long (length: ${length}, maximum allowed: ${json(schema)})`;
    case 'pattern':
      return `ECMA 262 regex "${String(schema)}" does not match input string "${String(data)}"`;
    case 'format':
      return formatMessage(String(data), String(params.format));
    case 'minimum':
      return params.comparison === '>'
        ? `numeric instance is not strictly greater than the required minimum ${json(params.limit)}`
        : `numeric instance is lower than the required minimum (minimum: ${json(params.limit)}, found: ${json(data)})`;
    case 'maximum':
      return params.comparison === '<'
        ? `numeric instance is not strictly lower than the required maximum ${json(params.limit)}`
        : `numeric instance is greater than the required maximum (maximum: ${json(params.limit)}, found: ${json(data)})`;
    case 'multipleOf':
      return `remainder of division is not zero (${json(data)} / ${json(schema)})`;
    case 'minItems':
      return `array is too short: must have at least ${json(schema)} elements but instance has ${Array.isArray(data) ? data.length : 0} elements`;
    case 'maxItems':
      return `array is too long: must have at most ${json(schema)} elements but instance has ${Array.isArray(data) ? data.length : 0} elements`;
    case 'uniqueItems':
      return 'array must not contain duplicate elements';
    case 'minProperties':
      return `object has too few properties (found ${countKeys(data)} but schema requires at least ${json(schema)})`;
    case 'maxProperties':
      return `object has too many properties (found ${countKeys(data)} but schema requires at most ${json(schema)})`;
    case 'oneOf': {
      const passing = params.passingSchemas;
      const matched = Array.isArray(passing) ? passing.length : 0;
      return `instance failed to match exactly one schema (matched ${matched} out of ${branchCount(error)})`;
    }
    case 'anyOf':
      return `instance failed to match at least one required schema among ${branchCount(error)}`;
    case 'not':
      return 'instance matched a schema which it should not have';
    case 'dependencies':
      return `property ${json(params.property)} of object has missing property dependencies (schema requires ${json(
        String(params.deps ?? '')
          .split(', ')
          .filter((dep) => dep !== ''),
      )}; missing: ${json([params.missingProperty])})`;
    default:
      return `${error.instancePath || 'instance'} ${error.message ?? 'is invalid'}`;
  }
}

const countKeys = (value: unknown): number =>
  typeof value === 'object' && value !== null ? Object.keys(value).length : 0;

const FORMAT_NAMES: Record<string, string> = {
  email: 'email address',
  hostname: 'hostname',
  ipv4: 'IPv4 address',
  ipv6: 'IPv6 address',
  uri: 'URI',
  regex: 'ECMA 262 regular expression',
};

function formatMessage(value: string, format: string): string {
  if (format === 'date-time') {
    return `string "${value}" is invalid against requested date format(s) [yyyy-MM-dd'T'HH:mm:ssZ, yyyy-MM-dd'T'HH:mm:ss.[0-9]{1,12}Z]`;
  }
  return `string "${value}" is not a valid ${FORMAT_NAMES[format] ?? format}`;
}
