/**
 * The parse cache must be invisible: for each request below, dynalite's own expression check
 * (`validateExpressions`, which runs the parsers) answers the same with the cache as without it,
 * on the first sight of an expression and on every reuse, with other values of the same types.
 */
type AttributeValue = Record<string, unknown>;

interface ExpressionRequest {
  UpdateExpression?: string;
  ConditionExpression?: string;
  KeyConditionExpression?: string;
  FilterExpression?: string;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
}

interface Parser {
  parse: (expression: string, options: unknown) => unknown;
}

const PARSERS = ['conditionParser', 'updateParser', 'projectionParser'].map(
  (name) => require(`dynalite/db/${name}`) as Parser,
);
const { validateExpressions } = require('dynalite/validations') as {
  validateExpressions: (data: ExpressionRequest) => string | undefined;
};
const { cacheExpressionParses, cachedParse } =
  require('../../../../local/dynamodb/expression-parse-cache.cjs') as {
    cacheExpressionParses: () => void;
    cachedParse: (
      parse: Parser['parse'],
      limits: { maxEntries: number; maxKeyChars: number },
    ) => Parser['parse'];
  };

const S = (value: string) => ({ S: value });
const N = (value: string) => ({ N: value });

/** Requests in dynalite's JSON shape, valid and not: each error dynalite reports is here once. */
const REQUESTS: Record<string, ExpressionRequest> = {
  'a function': { ConditionExpression: 'attribute_not_exists(taskId)' },
  'nested parentheses': {
    ConditionExpression: 'attribute_exists(taskId) AND (#s = :a OR (#s = :p AND lease < :now))',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':a': S('ACCEPTED'), ':p': S('PROCESSING'), ':now': N('1700') },
  },
  'IN, NOT, contains, size and document paths': {
    ConditionExpression:
      '#s IN (:a, :p) AND NOT contains(tags, :a) AND size(#d.items[2].name) > :now AND begins_with(#d.k, :p)',
    ExpressionAttributeNames: { '#s': 'status', '#d': 'doc' },
    ExpressionAttributeValues: { ':a': S('A'), ':p': S('P'), ':now': N('3') },
  },
  'one value used twice': {
    ConditionExpression: 'a = :v OR b = :v',
    ExpressionAttributeValues: { ':v': S('same') },
  },
  'a syntax error': { ConditionExpression: 'a = :v AND', ExpressionAttributeValues: { ':v': S('x') } },
  'redundant parentheses': { ConditionExpression: '((a = :v))', ExpressionAttributeValues: { ':v': S('x') } },
  'an unknown function': { ConditionExpression: 'shout(a)' },
  'a function misused': { ConditionExpression: 'size(a)' },
  'a value where a path must be': {
    ConditionExpression: 'attribute_exists(:v)',
    ExpressionAttributeValues: { ':v': S('x') },
  },
  'an undefined name': { ConditionExpression: '#nope = :v', ExpressionAttributeValues: { ':v': S('x') } },
  'an undefined value': { ConditionExpression: 'a = :nope', ExpressionAttributeValues: { ':v': S('x') } },
  'a reserved word': { ConditionExpression: 'status = :v', ExpressionAttributeValues: { ':v': S('x') } },
  'operands not distinct': { ConditionExpression: 'a.b = a.b' },
  'an operand of the wrong type': {
    ConditionExpression: 'begins_with(a, :n)',
    ExpressionAttributeValues: { ':n': N('1') },
  },
  'BETWEEN (values compared)': {
    ConditionExpression: 'a BETWEEN :lo AND :hi',
    ExpressionAttributeValues: { ':lo': N('1'), ':hi': N('9') },
  },
  'attribute_type (a value read)': {
    ConditionExpression: 'attribute_type(a, :t)',
    ExpressionAttributeValues: { ':t': S('N') },
  },
  'every update section': {
    UpdateExpression:
      'SET #s = :v, n = n + :one, l = list_append(l, :list), m = if_not_exists(m, :one) REMOVE x.y[0] ADD c :one DELETE tags :set',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: {
      ':v': S('DONE'),
      ':one': N('1'),
      ':list': { L: [S('a')] },
      ':set': { SS: ['t'] },
    },
  },
  'a section twice': {
    UpdateExpression: 'SET a = :v SET b = :v',
    ExpressionAttributeValues: { ':v': S('x') },
  },
  'overlapping paths': {
    UpdateExpression: 'SET a = :v, a.b = :v',
    ExpressionAttributeValues: { ':v': S('x') },
  },
  'conflicting paths': {
    UpdateExpression: 'SET a.b = :v, a[0] = :v',
    ExpressionAttributeValues: { ':v': S('x') },
  },
  'list_append of a string': {
    UpdateExpression: 'SET l = list_append(:v, l)',
    ExpressionAttributeValues: { ':v': S('x') },
  },
  'ADD of a string': { UpdateExpression: 'ADD n :v', ExpressionAttributeValues: { ':v': S('x') } },
  'an update and its condition sharing names and values': {
    UpdateExpression: 'SET #s = :p, attempts = attempts + :one',
    ConditionExpression: '#s = :a AND attempts = :zero',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':p': S('P'), ':a': S('A'), ':one': N('1'), ':zero': N('0') },
  },
  'a name only the condition uses': {
    UpdateExpression: 'SET done = :t',
    ConditionExpression: '#s = :a',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':t': { BOOL: true }, ':a': S('A') },
  },
  'an unused name and an unused value': {
    UpdateExpression: 'SET a = :v',
    ExpressionAttributeNames: { '#unused': 'x' },
    ExpressionAttributeValues: { ':v': S('x'), ':spare': S('y') },
  },
  'a query: key condition, filter and projection': {
    KeyConditionExpression: '#pk = :pk AND begins_with(sk, :prefix)',
    FilterExpression: 'attribute_exists(#d.k) OR size(tags) > :zero',
    ProjectionExpression: '#pk, sk, #d.items[1], tags',
    ExpressionAttributeNames: { '#pk': 'pk', '#d': 'doc' },
    ExpressionAttributeValues: { ':pk': S('TASK#1'), ':prefix': S('event#'), ':zero': N('0') },
  },
  'a projection with overlapping paths': { ProjectionExpression: 'a, a.b' },
  'a projection with a reserved word': { ProjectionExpression: 'name, status' },
};

/** The same request with other values of the same types (and for BETWEEN, bounds out of order). */
const withOtherValues = (request: ExpressionRequest): ExpressionRequest => {
  const values = request.ExpressionAttributeValues;
  if (values === undefined) return request;
  const other: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(values)) {
    if ('S' in value) other[name] = S(name === ':t' ? 'X' : `other-${String(value.S)}`);
    else if ('N' in value) other[name] = N(name === ':lo' ? '99' : String(Number(value.N) + 5));
    else other[name] = value;
  }
  return { ...request, ExpressionAttributeValues: other };
};

/**
 * What a check leaves: its message and the parsed expressions, written out with their shape (which
 * nodes are shared, which objects have no prototype) and with each attribute value named by its
 * placeholder only if it is the request's own value object, as dynalite's evaluation expects.
 */
function outcomeOf(request: ExpressionRequest) {
  const data = structuredClone(request) as ExpressionRequest & Record<string, unknown>;
  const message = validateExpressions(data);
  const values = new Map<object, string>(
    Object.entries(data.ExpressionAttributeValues ?? {}).map(([name, v]) => [v, name]),
  );
  const seen = new Map<object, number>();
  const shape = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object') return node;
    if (values.has(node)) return { value: values.get(node) };
    if (seen.has(node)) return { same: seen.get(node) };
    seen.set(node, seen.size);
    const prototype = Object.getPrototypeOf(node);
    const kind = Array.isArray(node) ? 'array' : prototype === null ? 'bare' : 'object';
    return { kind, entries: Object.entries(node).map(([key, child]) => [key, shape(child)]) };
  };
  const parsed = ['_updates', '_condition', '_keyCondition', '_filter', '_projection'].map((key) =>
    shape(data[key]),
  );
  return { message, parsed };
}

describe('the expression parse cache', () => {
  const originals = PARSERS.map((parser) => parser.parse);
  const expected = new Map(
    Object.entries(REQUESTS).map(([name, request]) => [
      name,
      { first: outcomeOf(request), other: outcomeOf(withOtherValues(request)) },
    ]),
  );

  beforeAll(() => cacheExpressionParses());
  afterAll(() => {
    PARSERS.forEach((parser, index) => {
      parser.parse = originals[index] as Parser['parse'];
    });
  });

  it.each(Object.keys(REQUESTS))('should answer as dynalite does for %s, first and on reuse', (name) => {
    // Arrange
    const request = REQUESTS[name] as ExpressionRequest;
    const want = expected.get(name);

    // Act: the first sight, a reuse, and a reuse with other values of the same types
    const first = outcomeOf(request);
    const again = outcomeOf(request);
    const other = outcomeOf(withOtherValues(request));

    // Assert
    expect(first).toEqual(want?.first);
    expect(again).toEqual(want?.first);
    expect(other).toEqual(want?.other);
  });

  it('should have a request whose answer depends on the values, not only their types', () => {
    // The reuse with other values puts BETWEEN's bounds out of order: without this the cases
    // above would not show that such an expression is parsed again rather than reused.
    expect(expected.get('BETWEEN (values compared)')?.first.message).toBeUndefined();
    expect(expected.get('BETWEEN (values compared)')?.other.message).toMatch(/upper bound to be greater/);
  });

  const countingParser = (limits: { maxEntries: number; maxKeyChars: number }) => {
    const calls: string[] = [];
    const parse = cachedParse((expression: string) => {
      calls.push(expression);
      return { expression };
    }, limits);
    const context = { attrNames: {}, attrVals: {}, unusedAttrNames: {}, unusedAttrVals: {} };
    return { calls, parse: (expression: string) => parse(expression, { context }) };
  };

  it('should parse each shape once, and again after other shapes pushed it out', () => {
    // Arrange: a cache of two entries
    const { calls, parse } = countingParser({ maxEntries: 2, maxKeyChars: 1_000_000 });

    // Act
    for (const expression of ['a', 'b', 'a', 'c', 'b']) parse(expression);

    // Assert: 'b' was the least recently used when 'c' came
    expect(calls).toEqual(['a', 'b', 'c', 'b']);
  });

  it('should keep long expressions within its size bound, the newest always kept', () => {
    // Arrange: room for about two of these keys (each is the expression plus its names and types)
    const long = (letter: string) => letter.repeat(400);
    const { calls, parse } = countingParser({ maxEntries: 1_000, maxKeyChars: 900 });

    // Act: the third pushes out the first; a key larger than the bound is still cached alone
    for (const expression of [long('a'), long('b'), long('c'), long('b'), long('a'), 'x'.repeat(2_000)]) {
      parse(expression);
    }
    parse('x'.repeat(2_000));

    // Assert
    expect(calls.map((expression) => `${expression[0]}${expression.length}`)).toEqual([
      'a400',
      'b400',
      'c400',
      'a400',
      'x2000',
    ]);
  });

  it('should key on the values’ types: a number where a string was is parsed again', () => {
    // Arrange
    const request = REQUESTS['an operand of the wrong type'] as ExpressionRequest;
    const asString = { ...request, ExpressionAttributeValues: { ':n': S('1') } };

    // Act
    const numberFirst = outcomeOf(request);
    const thenString = outcomeOf(asString);

    // Assert
    expect(numberFirst.message).toMatch(/Incorrect operand type/);
    expect(thenString.message).toBeUndefined();
  });
});
