import { checkAgainstSchema, displayPath, parseJsonText } from '../../../../console/ui/lib/schema-check';

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    orderId: { type: 'string', minLength: 1 },
    amount: { type: 'number', minimum: 0 },
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    lines: {
      type: 'array',
      items: { type: 'object', required: ['sku'], properties: { sku: { type: 'string' } } },
    },
    customer: {
      type: 'object',
      properties: { customerId: { type: 'string' } },
      required: ['customerId'],
      additionalProperties: false,
    },
  },
  required: ['orderId', 'amount', 'customer'],
  additionalProperties: false,
};

describe('schema check of the event editor', () => {
  it('should find nothing wrong with a valid value', () => {
    expect(checkAgainstSchema(schema, { orderId: 'o-1', amount: 1, customer: { customerId: 'c' } })).toEqual(
      [],
    );
  });

  it('should report every problem at once, each at the innermost path', () => {
    // Arrange
    const value = {
      orderId: '',
      amount: -1,
      currency: 'eur',
      lines: [{ sku: 'a' }, {}],
      customer: { extra: true },
      more: 1,
    };

    // Act
    const problems = checkAgainstSchema(schema, value);

    // Assert
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'data.orderId', message: 'must be at least 1 character long' },
        { path: 'data.amount', message: 'must be 0 or more' },
        { path: 'data.currency', message: 'must match the pattern ^[A-Z]{3}$' },
        { path: 'data.lines[1].sku', message: 'is required' },
        { path: 'data.customer.customerId', message: 'is required' },
        { path: 'data.customer.extra', message: 'is not an allowed property' },
        { path: 'data.more', message: 'is not an allowed property' },
      ]),
    );
    expect(problems).toHaveLength(7);
  });

  it('should name the expected type', () => {
    expect(checkAgainstSchema(schema, { orderId: 1, amount: 1, customer: { customerId: 'c' } })).toEqual([
      { path: 'data.orderId', message: 'must be of type string' },
    ]);
  });

  it('should report a value that is not even an object at the root', () => {
    expect(checkAgainstSchema(schema, [])).toEqual([{ path: 'data', message: 'must be of type object' }]);
  });

  it('should quote property names that are not identifiers', () => {
    expect(displayPath(['a b', '0', 'c'])).toBe('data["a b"][0].c');
  });

  it('should say why text is not JSON', () => {
    // Act
    const parsed = parseJsonText('{"a": }');

    // Assert
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toMatch(/^Not valid JSON: /);
    expect(parseJsonText('  ')).toEqual({ ok: false, message: 'Enter a JSON value' });
    expect(parseJsonText('[1]')).toEqual({ ok: true, value: [1] });
  });
});
