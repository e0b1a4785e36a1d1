// @cfworker/json-schema rather than ajv (already a dependency of the functions): ajv compiles
// schemas with `new Function`, which the console's CSP (script-src 'self', no 'unsafe-eval')
// forbids, while cfworker interprets the schema, supports 2020-12 and is a fraction of the size.
import { type OutputUnit, type Schema, Validator } from '@cfworker/json-schema';
import { errorMessage } from '../../../common/error-summary';
import { isRecord } from '../../../common/is-record';
import { pointerTokenKey } from './json-pointer';

/** One reason a value does not fit its schema, at a path an operator can find in the editor. */
export interface SchemaProblem {
  /** Where in the value, e.g. `data.customer.name`, or `data` for the value itself. */
  readonly path: string;
  readonly message: string;
}

export type JsonParseResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string };

/** The editor's text as JSON, or why it is not JSON (the parser's own words). */
export function parseJsonText(text: string): JsonParseResult {
  if (text.trim() === '') return { ok: false, message: 'Enter a JSON value' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return {
      ok: false,
      message: `Not valid JSON: ${errorMessage(error)}`,
    };
  }
}

const validators = new WeakMap<object, Validator>();

/**
 * Every way `value` breaks `schema` (JSON Schema 2020-12), as the innermost problems only: a
 * property's failure is reported at the property, not again as its parent object's.
 */
export function checkAgainstSchema(
  schema: Readonly<Record<string, unknown>>,
  value: unknown,
): SchemaProblem[] {
  let validator = validators.get(schema);
  if (validator === undefined) {
    // Not short-circuited: the operator wants every problem at once, not one per attempt.
    validator = new Validator(schema as Schema, '2020-12', false);
    validators.set(schema, validator);
  }
  const { valid, errors } = validator.validate(value);
  if (valid) return [];
  const problems = errors
    .filter((unit, _index, all) => !isSummary(unit, all))
    .map((unit) => describe(unit, schema, value));
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.path}\n${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Keywords whose error only says "a part failed"; the part's own error says how. */
const SUMMARY_KEYWORDS: ReadonlySet<string> = new Set([
  'properties',
  'patternProperties',
  'items',
  'prefixItems',
  'allOf',
  '$ref',
  'dependentSchemas',
  'unevaluatedProperties',
]);

function isSummary(unit: OutputUnit, all: readonly OutputUnit[]): boolean {
  // `false` is the schema `additionalProperties: false` stands for; its parent names the property.
  if (unit.keyword === 'false') return true;
  if (!SUMMARY_KEYWORDS.has(unit.keyword)) return false;
  return all.some((other) => other !== unit && other.keywordLocation.startsWith(`${unit.keywordLocation}/`));
}

function describe(unit: OutputUnit, schema: unknown, value: unknown): SchemaProblem {
  const at = pointerTokens(unit.instanceLocation);
  const keywordValue = resolvePointer(schema, pointerTokens(unit.keywordLocation));
  if (unit.keyword === 'required' && Array.isArray(keywordValue)) {
    const instance = resolvePointer(value, at);
    const missing = keywordValue.find(
      (name): name is string => typeof name === 'string' && !(isRecord(instance) && name in instance),
    );
    if (missing !== undefined) return { path: displayPath([...at, missing]), message: 'is required' };
  }
  if (unit.keyword === 'additionalProperties') {
    const name = /"(.*)"/.exec(unit.error)?.[1];
    if (name !== undefined)
      return { path: displayPath([...at, name]), message: 'is not an allowed property' };
  }
  const message = plainMessage(unit.keyword, keywordValue);
  return { path: displayPath(at), message: message ?? unit.error };
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/**
 * The rule in the schema's terms (`must be at least 1 character long`) where the validator's own
 * words give only the comparison (`String is too short (0 < 1).`); undefined keeps its words.
 */
function plainMessage(keyword: string, limit: unknown): string | undefined {
  const number = typeof limit === 'number' ? limit : undefined;
  switch (keyword) {
    case 'pattern':
      return typeof limit === 'string' ? `must match the pattern ${limit}` : undefined;
    case 'minLength':
      return number === undefined ? undefined : `must be at least ${plural(number, 'character')} long`;
    case 'maxLength':
      return number === undefined ? undefined : `must be at most ${plural(number, 'character')} long`;
    case 'minimum':
      return number === undefined ? undefined : `must be ${number} or more`;
    case 'maximum':
      return number === undefined ? undefined : `must be ${number} or less`;
    case 'exclusiveMinimum':
      return number === undefined ? undefined : `must be more than ${number}`;
    case 'exclusiveMaximum':
      return number === undefined ? undefined : `must be less than ${number}`;
    case 'minItems':
      return number === undefined ? undefined : `must have at least ${plural(number, 'item')}`;
    case 'maxItems':
      return number === undefined ? undefined : `must have at most ${plural(number, 'item')}`;
    case 'type': {
      const types = Array.isArray(limit) ? limit : [limit];
      return types.every((type) => typeof type === 'string')
        ? `must be of type ${types.join(' or ')}`
        : undefined;
    }
    case 'enum':
      return Array.isArray(limit)
        ? `must be one of ${limit.map((value) => JSON.stringify(value)).join(', ')}`
        : undefined;
    case 'const':
      return limit === undefined ? undefined : `must be ${JSON.stringify(limit)}`;
    case 'format':
      return typeof limit === 'string' ? `must be a valid ${limit}` : undefined;
    default:
      return undefined;
  }
}

/** `#/a/b~1c` as its tokens (`a`, `b/c`). */
function pointerTokens(pointer: string): string[] {
  const body = pointer.replace(/^#/, '');
  if (body === '') return [];
  return body.slice(1).split('/').map(pointerTokenKey);
}

function resolvePointer(document: unknown, tokens: readonly string[]): unknown {
  let node = document;
  for (const token of tokens) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isRecord(node)) node = node[token];
    else return undefined;
  }
  return node;
}

/** `data.customer.name`, `data.items[0]`, `data["odd key"]`: as the value reads in the editor. */
export function displayPath(tokens: readonly string[]): string {
  let path = 'data';
  for (const token of tokens) {
    if (/^(0|[1-9][0-9]*)$/.test(token)) path += `[${token}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(token)) path += `.${token}`;
    else path += `[${JSON.stringify(token)}]`;
  }
  return path;
}
