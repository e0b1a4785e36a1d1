import { pointerTokenKey } from './json-pointer';
/**
 * An example value shaped like a JSON Schema (2020-12) describes: what the event editor is
 * prefilled with, so an operator edits values rather than typing the structure. Where the schema
 * gives one, a `const`, `default`, `examples[0]` or `enum[0]` is used; otherwise a neutral
 * placeholder of the right type (which the in-browser check may then point at, e.g. an empty
 * string where one character is the minimum).
 */
export function skeletonFromSchema(schema: unknown): unknown {
  return skeleton(schema, asRecord(schema) ?? {}, 0);
}

type JsonObject = Readonly<Record<string, unknown>>;

/** Deep enough for any real event; stops a recursive `$ref` from looping. */
const MAX_DEPTH = 12;

const asRecord = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;

const EXAMPLE_STRINGS: Readonly<Record<string, string>> = {
  email: 'someone@example.com',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  uuid: '00000000-0000-4000-8000-000000000000',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
};

function skeleton(node: unknown, root: JsonObject, depth: number): unknown {
  const schema = asRecord(node);
  if (schema === undefined || depth > MAX_DEPTH) return null;
  if ('const' in schema) return schema.const;
  if ('default' in schema) return schema.default;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (typeof schema.$ref === 'string') {
    const target = resolveLocalRef(schema.$ref, root);
    // Keywords beside a $ref (2020-12 allows them) refine it: the local ones win.
    const { $ref: _ref, ...siblings } = schema;
    return skeleton(target === undefined ? siblings : { ...target, ...siblings }, root, depth + 1);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    const { allOf, ...rest } = schema;
    return skeleton(allOf.reduce<JsonObject>(mergeSchemas, rest), root, depth + 1);
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length > 0) {
      const { [key]: _branches, ...rest } = schema;
      const branch = branches.find((candidate) => asRecord(candidate)?.type !== 'null') ?? branches[0];
      return skeleton(mergeSchemas(rest, branch), root, depth + 1);
    }
  }
  switch (typeOf(schema)) {
    case 'object':
      return objectSkeleton(schema, root, depth);
    case 'array':
      return arraySkeleton(schema, root, depth);
    case 'string':
      return typeof schema.format === 'string' ? formatExample(schema.format) : '';
    case 'integer':
      return numberExample(schema, true);
    case 'number':
      return numberExample(schema, false);
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/** The schema's type, the first non-null one of a list, or the one its keywords imply. */
function typeOf(schema: JsonObject): string | undefined {
  const { type } = schema;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find((entry) => entry !== 'null') ?? type[0];
  if ('properties' in schema || 'required' in schema || 'additionalProperties' in schema) return 'object';
  if ('items' in schema || 'prefixItems' in schema) return 'array';
  return undefined;
}

function objectSkeleton(schema: JsonObject, root: JsonObject, depth: number): Record<string, unknown> {
  const properties = asRecord(schema.properties) ?? {};
  const required = Array.isArray(schema.required)
    ? schema.required.filter((name): name is string => typeof name === 'string')
    : [];
  // Required properties only, so the example carries no optional field it would have to be
  // cleared of; a schema that requires nothing still shows what it can hold.
  const names = required.length > 0 ? required : Object.keys(properties);
  const result: Record<string, unknown> = {};
  for (const name of names) result[name] = skeleton(properties[name] ?? {}, root, depth + 1);
  return result;
}

function arraySkeleton(schema: JsonObject, root: JsonObject, depth: number): unknown[] {
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
  const minItems = typeof schema.minItems === 'number' ? Math.min(schema.minItems, 10) : 0;
  const items = prefix.map((item) => skeleton(item, root, depth + 1));
  const rest = asRecord(schema.items);
  while (rest !== undefined && items.length < minItems) items.push(skeleton(rest, root, depth + 1));
  return items;
}

function numberExample(schema: JsonObject, integer: boolean): number {
  const { minimum, maximum, exclusiveMinimum, multipleOf } = schema;
  let value = 0;
  if (typeof minimum === 'number') value = Math.max(value, minimum);
  if (typeof exclusiveMinimum === 'number' && value <= exclusiveMinimum) {
    value = integer ? Math.floor(exclusiveMinimum) + 1 : exclusiveMinimum + 1;
  }
  if (typeof maximum === 'number' && value > maximum) value = maximum;
  if (typeof multipleOf === 'number' && multipleOf > 0) value = Math.ceil(value / multipleOf) * multipleOf;
  return integer ? Math.ceil(value) : value;
}

function formatExample(format: string): string {
  const now = new Date();
  if (format === 'date-time') return now.toISOString();
  if (format === 'date') return now.toISOString().slice(0, 10);
  if (format === 'time') return now.toISOString().slice(11, 19).concat('Z');
  return EXAMPLE_STRINGS[format] ?? '';
}

/** `#/$defs/name` (or any JSON Pointer into the same document); other documents are not fetched. */
function resolveLocalRef(ref: string, root: JsonObject): JsonObject | undefined {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const token of ref.slice(2).split('/')) {
    const key = pointerTokenKey(token);
    node = asRecord(node)?.[key];
  }
  return asRecord(node);
}

/** Two subschemas as one, for `allOf` and for a chosen `anyOf` branch: properties and required add up. */
function mergeSchemas(into: JsonObject, next: unknown): JsonObject {
  const other = asRecord(next);
  if (other === undefined) return into;
  const properties = { ...asRecord(into.properties), ...asRecord(other.properties) };
  const required = [
    ...(Array.isArray(into.required) ? into.required : []),
    ...(Array.isArray(other.required) ? other.required : []),
  ];
  return {
    ...into,
    ...other,
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
    ...(required.length > 0 ? { required: [...new Set(required)] } : {}),
  };
}
