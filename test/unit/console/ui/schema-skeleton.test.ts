import { checkAgainstSchema } from '../../../../console/ui/lib/schema-check';
import { skeletonFromSchema } from '../../../../console/ui/lib/schema-skeleton';

/** order.placed's data schema as the server derives it from the zod schema. */
const orderPlaced = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    orderId: { type: 'string', minLength: 1, maxLength: 64 },
    amount: { type: 'number', minimum: 0, maximum: 1e12 },
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    customer: {
      type: 'object',
      properties: {
        customerId: { type: 'string', minLength: 1 },
        name: { type: 'string', minLength: 1 },
      },
      required: ['customerId'],
      additionalProperties: false,
    },
  },
  required: ['orderId', 'amount', 'currency', 'customer'],
  additionalProperties: false,
};

describe('schema skeleton', () => {
  it('should lay out the required properties, nested objects included', () => {
    // Act
    const skeleton = skeletonFromSchema(orderPlaced);

    // Assert
    expect(skeleton).toEqual({ orderId: '', amount: 0, currency: '', customer: { customerId: '' } });
  });

  it('should leave only the blanks to fill in for the schema check to point at', () => {
    // Act
    const problems = checkAgainstSchema(orderPlaced, skeletonFromSchema(orderPlaced));

    // Assert
    expect(problems.map((problem) => problem.path).sort()).toEqual([
      'data.currency',
      'data.customer.customerId',
      'data.orderId',
    ]);
  });

  it('should show every property of an object that requires none', () => {
    expect(
      skeletonFromSchema({ type: 'object', properties: { a: { type: 'boolean' }, b: { type: 'null' } } }),
    ).toEqual({ a: false, b: null });
  });

  it('should prefer const, default, examples and enum over a placeholder', () => {
    // Arrange
    const schema = {
      type: 'object',
      required: ['kind', 'retries', 'region', 'size'],
      properties: {
        kind: { const: 'refund' },
        retries: { type: 'integer', default: 3 },
        region: { type: 'string', examples: ['eu-west-1'] },
        size: { enum: ['S', 'M'] },
      },
    };

    // Act
    const skeleton = skeletonFromSchema(schema);

    // Assert
    expect(skeleton).toEqual({ kind: 'refund', retries: 3, region: 'eu-west-1', size: 'S' });
  });

  it('should keep numbers within their bounds', () => {
    expect(skeletonFromSchema({ type: 'integer', minimum: 5 })).toBe(5);
    expect(skeletonFromSchema({ type: 'integer', exclusiveMinimum: 0 })).toBe(1);
    expect(skeletonFromSchema({ type: 'number', maximum: -2 })).toBe(-2);
    expect(skeletonFromSchema({ type: 'integer', minimum: 1, multipleOf: 5 })).toBe(5);
  });

  it('should give formatted strings an example of their format', () => {
    // Act
    const skeleton = skeletonFromSchema({
      type: 'object',
      required: ['at', 'email'],
      properties: { at: { type: 'string', format: 'date-time' }, email: { type: 'string', format: 'email' } },
    }) as { at: string; email: string };

    // Assert
    expect(Number.isNaN(Date.parse(skeleton.at))).toBe(false);
    expect(skeleton.email).toBe('someone@example.com');
  });

  it('should resolve local references, and stop at a recursive one', () => {
    // Arrange
    const schema = {
      $defs: {
        node: {
          type: 'object',
          required: ['name', 'child'],
          properties: { name: { type: 'string' }, child: { $ref: '#/$defs/node' } },
        },
      },
      $ref: '#/$defs/node',
    };

    // Act
    const skeleton = skeletonFromSchema(schema);

    // Assert
    expect(skeleton).toMatchObject({ name: '', child: { name: '', child: { name: '' } } });
    expect(JSON.stringify(skeleton).length).toBeLessThan(1000);
  });

  it('should fill arrays to their minimum and take the first non-null branch of a union', () => {
    expect(skeletonFromSchema({ type: 'array', minItems: 2, items: { type: 'string' } })).toEqual(['', '']);
    expect(skeletonFromSchema({ anyOf: [{ type: 'null' }, { type: 'number' }] })).toBe(0);
    expect(skeletonFromSchema({ type: ['null', 'boolean'] })).toBe(false);
  });

  it('should merge allOf parts into one object', () => {
    // Arrange
    const schema = {
      allOf: [
        { type: 'object', required: ['a'], properties: { a: { type: 'string' } } },
        { required: ['b'], properties: { b: { type: 'integer' } } },
      ],
    };

    // Act
    const skeleton = skeletonFromSchema(schema);

    // Assert
    expect(skeleton).toEqual({ a: '', b: 0 });
  });
});
