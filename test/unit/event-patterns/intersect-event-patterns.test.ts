import {
  compileEventPattern,
  intersectEventPatterns,
  PatternIntersectionError,
} from '../../../event-patterns';
import { loadConformanceCases } from './event-pattern-conformance-cases';

const matches = (pattern: string, event: unknown): boolean => compileEventPattern(pattern).matches(event);

const order = (amount: number, customerId = 'c-1', extra: Record<string, unknown> = {}) => ({
  source: 'shop',
  'detail-type': 'order.placed',
  detail: { orderId: 'o-1', amount, customer: { customerId } },
  ...extra,
});

function containsArray(value: unknown): boolean {
  if (Array.isArray(value)) return true;
  return typeof value === 'object' && value !== null && Object.values(value).some(containsArray);
}

describe('intersectEventPatterns', () => {
  const highValue = JSON.stringify({
    'detail-type': ['order.placed'],
    detail: { amount: [{ numeric: ['>=', 1000] }] },
  });

  it('should combine patterns on different fields into one that requires both', () => {
    // Act
    const both = intersectEventPatterns(highValue, '{"detail":{"customer":{"customerId":["c-7"]}}}');

    // Assert
    expect(both).toBeDefined();
    expect(matches(both as string, order(2500, 'c-7'))).toBe(true);
    expect(matches(both as string, order(2500, 'c-1'))).toBe(false);
    expect(matches(both as string, order(10, 'c-7'))).toBe(false);
  });

  it('should keep the exact values of one side that the other side accepts', () => {
    // Act
    const both = intersectEventPatterns(highValue, '{"detail":{"amount":[10, 2500, 5000]}}');

    // Assert
    expect(JSON.parse(both as string)).toEqual({
      'detail-type': ['order.placed'],
      detail: { amount: [2500, 5000] },
    });
  });

  it('should intersect two exact value lists, and answer undefined when they share no value', () => {
    // Act & Assert
    expect(
      JSON.parse(intersectEventPatterns('{"source":["a","b"]}', '{"source":["b","c"]}') as string),
    ).toEqual({
      source: ['b'],
    });
    expect(intersectEventPatterns('{"source":["a"]}', '{"source":["b"]}')).toBeUndefined();
    expect(intersectEventPatterns(highValue, '{"detail":{"amount":[999]}}')).toBeUndefined();
  });

  it('should pair the alternatives of $or and drop the pairs no event can match', () => {
    // Arrange
    const either = '{"$or":[{"source":["a"]},{"source":["b"],"detail-type":["x"]}]}';

    // Act
    const both = intersectEventPatterns(either, '{"source":["b","c"]}');

    // Assert
    expect(JSON.parse(both as string)).toEqual({ 'detail-type': ['x'], source: ['b'] });
    const twoLeft = intersectEventPatterns(either, '{"detail":{"k":["v"]}}') as string;
    expect(JSON.parse(twoLeft).$or).toHaveLength(2);
    expect(matches(twoLeft, { source: 'a', detail: { k: 'v' } })).toBe(true);
    expect(matches(twoLeft, { source: 'a', detail: { k: 'w' } })).toBe(false);
  });

  it('should combine two numeric ranges into one, and answer undefined when they do not overlap', () => {
    // Act
    const below = intersectEventPatterns(highValue, '{"detail":{"amount":[{"numeric":["<",5000]}]}}');
    const exactly = intersectEventPatterns(highValue, '{"detail":{"amount":[{"numeric":["<=",1000]}]}}');
    const tighter = intersectEventPatterns(highValue, '{"detail":{"amount":[{"numeric":[">",2000]}]}}');

    // Assert
    expect(JSON.parse(below as string).detail.amount).toEqual([{ numeric: ['>=', 1000, '<', 5000] }]);
    expect(JSON.parse(exactly as string).detail.amount).toEqual([{ numeric: ['=', 1000] }]);
    expect(JSON.parse(tighter as string).detail.amount).toEqual([{ numeric: ['>', 2000] }]);
    expect(
      intersectEventPatterns(highValue, '{"detail":{"amount":[{"numeric":["<",1000]}]}}'),
    ).toBeUndefined();
  });

  it('should combine exists with any other matcher', () => {
    // Act & Assert
    expect(
      JSON.parse(
        intersectEventPatterns(
          '{"k":[{"exists":true}]}',
          '{"k":[{"prefix":"a"},{"exists":false}]}',
        ) as string,
      ),
    ).toEqual({ k: [{ prefix: 'a' }] });
    expect(
      JSON.parse(
        intersectEventPatterns('{"k":[{"exists":false}]}', '{"k":[{"exists":false},"x"]}') as string,
      ),
    ).toEqual({ k: [{ exists: false }] });
    expect(intersectEventPatterns('{"k":[{"exists":false}]}', '{"k":[{"prefix":"a"}]}')).toBeUndefined();
  });

  it('should refuse, naming the field, when both sides match one field with operators it cannot combine', () => {
    // Act
    const attempt = () =>
      intersectEventPatterns(highValue, '{"detail":{"amount":[{"anything-but":[5000]}]}}');

    // Assert
    expect(attempt).toThrow(PatternIntersectionError);
    expect(attempt).toThrow(
      /both patterns match "detail\.amount" with operators .* that no single pattern can require together/,
    );
  });

  it('should refuse when one side matches a field as a value and the other inside it', () => {
    // Act & Assert
    expect(() => intersectEventPatterns('{"detail":["x"]}', '{"detail":{"k":["v"]}}')).toThrow(
      /matches "detail" as a value and the other matches "detail\.k" inside it/,
    );
  });

  it('should keep a "__proto__" key as a field rather than a prototype', () => {
    // Act
    const both = intersectEventPatterns('{"detail":{"__proto__":["x"]}}', '{"source":["a"]}') as string;

    // Assert
    expect(both).toBe('{"detail":{"__proto__":["x"]},"source":["a"]}');
  });

  it('should reject an invalid pattern with the engine error', () => {
    // Act & Assert
    expect(() => intersectEventPatterns('{"source":[]}', '{"source":["a"]}')).toThrow(
      'Empty arrays are not allowed',
    );
  });

  describe('against the AWS conformance cases', () => {
    const cases = loadConformanceCases().filter((c) => c.expected !== 'invalid');

    it('should match exactly what both patterns match, for every pair of recorded patterns', () => {
      let checked = 0;
      for (const left of cases) {
        for (const right of cases) {
          let both: string | undefined;
          try {
            both = intersectEventPatterns(left.patternText, right.patternText);
          } catch (error) {
            // Operator-on-operator fields are refused by design; anything else is a bug.
            expect(error).toBeInstanceOf(PatternIntersectionError);
            continue;
          }
          for (const eventText of [left.eventText, right.eventText]) {
            const event: unknown = JSON.parse(eventText);
            const expected = matches(left.patternText, event) && matches(right.patternText, event);
            const actual = both !== undefined && matches(both, event);
            // Sound always; complete for events without arrays (the documented limit).
            if (actual || !containsArray(event))
              expect([left.name, right.name, actual]).toEqual([left.name, right.name, expected]);
            checked += 1;
          }
        }
      }
      expect(checked).toBeGreaterThan(10_000);
    });
  });
});
