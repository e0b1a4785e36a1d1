'use strict';
// A cache in front of dynalite's expression parsers. Its parsers are PEG grammars without
// memoization, and they backtrack through every alternative at each parenthesis: a condition
// such as `attribute_exists(id) AND (#s = :a OR (#s = :b AND #t < :n))` takes close to a
// millisecond, and each further level of nesting multiplies the time by about four. A service
// sends the same few expressions over and over, so each shape is parsed once and reused.
//
// What a parse yields depends on the expression, the attribute names and the types of the
// attribute values; the values themselves only appear in the result, by reference. So the key is
// (expression, names, value types), and the cached result is a template whose value references
// are filled in with the request's own values on each use. Two checks compare values themselves
// (BETWEEN's bounds, attribute_type's type name); an expression with either is never cached.
// A parse also marks the names and values it uses (it deletes them from the context's unused
// maps, which later decide the "unused in expressions" error): the cache records which ones and
// marks them again on each use.
//
// Plain JavaScript, loaded by the DynamoDB worker thread like the rest of that thread's code.

const PARSER_MODULES = [
  'dynalite/db/conditionParser',
  'dynalite/db/updateParser',
  'dynalite/db/projectionParser',
];
/** Expressions whose checks read attribute values, not only their types. */
const VALUE_DEPENDENT = /between|attribute_type/i;
/**
 * Bounds on what is kept, whichever is reached first; the least recently used shape goes first.
 * A cached shape takes about 30 bytes of heap per character of its key (4 KB for the worker's
 * claim condition), so either bound keeps the cache to about 4 MB of the DynamoDB thread's heap,
 * even when a service builds long expressions that vary.
 */
const DEFAULT_LIMITS = { maxEntries: 1_000, maxKeyChars: 128 * 1024 };
/** The order in which dynalite itself tells an attribute value's type. */
const VALUE_TYPES = ['S', 'N', 'B', 'NULL', 'BOOL', 'SS', 'NS', 'BS', 'L', 'M'];

const valueType = (value) => {
  if (value === null || typeof value !== 'object') return '?';
  for (const type of VALUE_TYPES) if (value[type] != null) return type;
  return '?';
};

const cacheKey = (expression, context) => {
  const values = context.attrVals ?? {};
  const types = Object.keys(values).map((name) => `${name}=${valueType(values[name])}`);
  return `${expression}\u0000${JSON.stringify(context.attrNames ?? null)}\u0000${types.join(',')}`;
};

/**
 * A structure-preserving copy of a parse result: shared nodes stay shared, objects keep their
 * prototype (dynalite uses prototype-less maps), and `replace` may stand in for a node.
 */
const copyTree = (node, replace, copies = new Map()) => {
  if (node === null || typeof node !== 'object') return node;
  const replacement = replace(node);
  if (replacement !== undefined) return replacement;
  const known = copies.get(node);
  if (known !== undefined) return known;
  const copy = Array.isArray(node) ? [] : Object.create(Object.getPrototypeOf(node));
  copies.set(node, copy);
  for (const key of Object.keys(node)) copy[key] = copyTree(node[key], replace, copies);
  return copy;
};

const VALUE_SLOT = Symbol('attribute value');
/** Marks a parse function that is already behind the cache, so it is never wrapped twice. */
const CACHED = Symbol('expression parse cache');

const markAll = (map) => {
  const marked = Object.create(null);
  for (const key of Object.keys(map ?? {})) marked[key] = true;
  return marked;
};

/**
 * Parses with every name and value marked unused, whatever earlier expressions of the request
 * used, to learn which ones this expression uses; the request's own maps are left alone.
 */
const parseAndRecord = (parse, expression, options) => {
  const context = options.context;
  const names = markAll(context.attrNames);
  const values = markAll(context.attrVals);
  const probe = { ...context, unusedAttrNames: names, unusedAttrVals: values };
  let outcome;
  try {
    outcome = { result: parse(expression, { ...options, context: probe }) };
  } catch (error) {
    outcome = { error };
  }
  return {
    ...outcome,
    usedNames: Object.keys(context.attrNames ?? {}).filter((name) => !(name in names)),
    usedValues: Object.keys(context.attrVals ?? {}).filter((name) => !(name in values)),
  };
};

/** Wraps one parser's `parse` with the cache; `parse` keeps its signature. */
function cachedParse(parse, limits = DEFAULT_LIMITS) {
  const entries = new Map();
  let keyChars = 0;
  const markUsed = (context, entry) => {
    if (context.unusedAttrNames) for (const name of entry.usedNames) delete context.unusedAttrNames[name];
    if (context.unusedAttrVals) for (const name of entry.usedValues) delete context.unusedAttrVals[name];
  };
  const instantiate = (entry, context) => {
    markUsed(context, entry);
    if (entry.error !== undefined) throw entry.error;
    const values = context.attrVals ?? {};
    return copyTree(entry.template, (node) =>
      node[VALUE_SLOT] !== undefined ? values[node[VALUE_SLOT]] : undefined,
    );
  };

  const wrapped = function parseWithCache(expression, options) {
    const context = options?.context;
    if (typeof expression !== 'string' || context === undefined || VALUE_DEPENDENT.test(expression)) {
      return parse(expression, options);
    }
    const key = cacheKey(expression, context);
    const cached = entries.get(key);
    if (cached !== undefined) {
      entries.delete(key);
      entries.set(key, cached);
      return instantiate(cached, context);
    }
    const outcome = parseAndRecord(parse, expression, options);
    const slots = new Map(Object.entries(context.attrVals ?? {}).map(([name, value]) => [value, name]));
    const entry = {
      usedNames: outcome.usedNames,
      usedValues: outcome.usedValues,
      error: outcome.error,
      template:
        outcome.error === undefined
          ? copyTree(outcome.result, (node) =>
              slots.has(node) ? { [VALUE_SLOT]: slots.get(node) } : undefined,
            )
          : undefined,
    };
    entries.set(key, entry);
    keyChars += key.length;
    while (entries.size > limits.maxEntries || (keyChars > limits.maxKeyChars && entries.size > 1)) {
      const oldest = entries.keys().next().value;
      entries.delete(oldest);
      keyChars -= oldest.length;
    }
    return instantiate(entry, context);
  };
  wrapped[CACHED] = true;
  return wrapped;
}

/** Puts the cache in front of dynalite's three expression parsers (once per thread). */
function cacheExpressionParses(limits = DEFAULT_LIMITS) {
  for (const name of PARSER_MODULES) {
    const parser = require(name);
    if (typeof parser.parse !== 'function') throw new Error(`${name} exports no parse function`);
    if (parser.parse[CACHED]) continue;
    parser.parse = cachedParse(parser.parse, limits);
  }
}

module.exports = { cacheExpressionParses, cachedParse };
