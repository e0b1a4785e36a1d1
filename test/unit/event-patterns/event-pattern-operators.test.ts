import { compileEventPattern, EventPatternError, flattenEvent } from '../../../event-patterns';
import { eventEnvelope } from '../local/eventbridge/event-envelope';

function matches(pattern: unknown, event: unknown): boolean {
  return compileEventPattern(JSON.stringify(pattern)).matches(event);
}

function reasonOf(pattern: string): string {
  try {
    compileEventPattern(pattern);
  } catch (error) {
    if (error instanceof EventPatternError) return error.reason;
    throw error;
  }
  throw new Error('pattern was accepted');
}

describe('event pattern operators', () => {
  describe('exact values', () => {
    it('should compare numbers by value so 3.0 equals 3', () => {
      expect(compileEventPattern('{"detail":{"n":[3.0]}}').matches(JSON.parse('{"detail":{"n":3}}'))).toBe(
        true,
      );
    });

    it('should not match a number against the same digits as a string', () => {
      expect(matches({ detail: { n: ['3'] } }, eventEnvelope({ n: 3 }))).toBe(false);
    });

    it('should match booleans, null and the empty string exactly', () => {
      const event = eventEnvelope({ flag: true, gone: null, empty: '' });
      expect(matches({ detail: { flag: [true], gone: [null], empty: [''] } }, event)).toBe(true);
      expect(matches({ detail: { flag: [false] } }, event)).toBe(false);
    });

    it('should match an event array when any element matches', () => {
      expect(matches({ resources: ['b'] }, eventEnvelope({}, { resources: ['a', 'b'] }))).toBe(true);
    });
  });

  describe('string operators', () => {
    it('should match prefix and suffix, with and without case', () => {
      const event = eventEnvelope({ file: 'Report.PDF' });
      expect(matches({ detail: { file: [{ prefix: 'Rep' }] } }, event)).toBe(true);
      expect(matches({ detail: { file: [{ suffix: '.pdf' }] } }, event)).toBe(false);
      expect(matches({ detail: { file: [{ suffix: { 'equals-ignore-case': '.pdf' } }] } }, event)).toBe(true);
      expect(matches({ detail: { file: [{ prefix: { 'equals-ignore-case': 'report' } }] } }, event)).toBe(
        true,
      );
      expect(matches({ detail: { file: [{ 'equals-ignore-case': 'report.pdf' }] } }, event)).toBe(true);
    });

    it('should match wildcards across any run of characters', () => {
      const event = eventEnvelope({ path: 'a/b/c/d.txt' });
      expect(matches({ detail: { path: [{ wildcard: 'a/*/d.txt' }] } }, event)).toBe(true);
      expect(matches({ detail: { path: [{ wildcard: 'a/*/e.txt' }] } }, event)).toBe(false);
      expect(matches({ detail: { path: [{ wildcard: '*' }] } }, eventEnvelope({ path: '' }))).toBe(true);
    });

    it('should treat an escaped star as a literal', () => {
      expect(matches({ detail: { p: [{ wildcard: 'a\\*b' }] } }, eventEnvelope({ p: 'a*b' }))).toBe(true);
      expect(matches({ detail: { p: [{ wildcard: 'a\\*b' }] } }, eventEnvelope({ p: 'axb' }))).toBe(false);
    });
  });

  describe('anything-but', () => {
    it('should match any present value outside the list, including null', () => {
      const pattern = { detail: { state: [{ 'anything-but': ['stopped', 'failed'] }] } };
      expect(matches(pattern, eventEnvelope({ state: 'running' }))).toBe(true);
      expect(matches(pattern, eventEnvelope({ state: null }))).toBe(true);
      expect(matches(pattern, eventEnvelope({ state: 'stopped' }))).toBe(false);
      expect(matches(pattern, eventEnvelope({}))).toBe(false);
    });

    it('should support the prefix, suffix, equals-ignore-case and wildcard forms', () => {
      const event = eventEnvelope({ s: 'us-east-1' });
      expect(matches({ detail: { s: [{ 'anything-but': { prefix: 'us-' } }] } }, event)).toBe(false);
      expect(matches({ detail: { s: [{ 'anything-but': { suffix: '-2' } }] } }, event)).toBe(true);
      expect(
        matches({ detail: { s: [{ 'anything-but': { 'equals-ignore-case': 'US-EAST-1' } }] } }, event),
      ).toBe(false);
      expect(matches({ detail: { s: [{ 'anything-but': { wildcard: 'eu-*' } }] } }, event)).toBe(true);
    });
  });

  describe('numeric', () => {
    it('should match ranges, equality and reject strings', () => {
      const pattern = { detail: { n: [{ numeric: ['>', 0, '<=', 5] }] } };
      expect(matches(pattern, eventEnvelope({ n: 5 }))).toBe(true);
      expect(matches(pattern, eventEnvelope({ n: 0 }))).toBe(false);
      expect(matches(pattern, eventEnvelope({ n: '3' }))).toBe(false);
      expect(matches({ detail: { n: [{ numeric: ['=', 301.8] }] } }, eventEnvelope({ n: 301.8 }))).toBe(true);
    });

    it('should refuse an empty range', () => {
      expect(reasonOf('{"n":[{"numeric":[">",5,"<",1]}]}')).toBe('Bottom must be less than top');
    });
  });

  describe('cidr', () => {
    it('should match IPv4 and IPv6 addresses inside the block only', () => {
      expect(matches({ detail: { ip: [{ cidr: '10.0.0.0/24' }] } }, eventEnvelope({ ip: '10.0.0.7' }))).toBe(
        true,
      );
      expect(matches({ detail: { ip: [{ cidr: '10.0.0.0/24' }] } }, eventEnvelope({ ip: '10.0.1.7' }))).toBe(
        false,
      );
      expect(
        matches({ detail: { ip: [{ cidr: '2001:db8::/32' }] } }, eventEnvelope({ ip: '2001:db8:0:0::1' })),
      ).toBe(true);
      expect(matches({ detail: { ip: [{ cidr: '10.0.0.0/24' }] } }, eventEnvelope({ ip: '::ffff:1' }))).toBe(
        false,
      );
    });

    it('should refuse mask bits out of range', () => {
      expect(reasonOf('{"ip":[{"cidr":"10.0.0.0/33"}]}')).toBe(
        'Malformed CIDR, mask bits must be between 0 and 32',
      );
    });
  });

  describe('exists', () => {
    it('should test leaf presence, not objects', () => {
      const event = eventEnvelope({ a: { b: 1 } });
      expect(matches({ detail: { a: { b: [{ exists: true }] } } }, event)).toBe(true);
      expect(matches({ detail: { a: [{ exists: true }] } }, event)).toBe(false);
      expect(matches({ detail: { c: [{ exists: false }] } }, event)).toBe(true);
    });
  });

  describe('structure', () => {
    it('should OR the branches of $or and AND the rest', () => {
      const pattern = { source: ['shop'], $or: [{ detail: { a: [1] } }, { detail: { b: [2] } }] };
      expect(matches(pattern, eventEnvelope({ b: 2 }))).toBe(true);
      expect(matches(pattern, eventEnvelope({ c: 3 }))).toBe(false);
      expect(matches(pattern, eventEnvelope({ b: 2 }, { source: 'other' }))).toBe(false);
    });

    it('should only combine fields from the same element of an array of objects', () => {
      const event = eventEnvelope({
        items: [
          { sku: 'a', qty: 1 },
          { sku: 'b', qty: 2 },
        ],
      });
      expect(matches({ detail: { items: { sku: ['a'], qty: [1] } } }, event)).toBe(true);
      expect(matches({ detail: { items: { sku: ['a'], qty: [2] } } }, event)).toBe(false);
    });

    it('should OR the values of a key repeated in the pattern text', () => {
      const pattern = compileEventPattern('{"detail":{"s":["x"],"s":["y"]}}');
      expect(pattern.matches(eventEnvelope({ s: 'y' }))).toBe(true);
    });

    it('should let one flattened event serve many patterns', () => {
      const flat = flattenEvent(eventEnvelope({ n: 1 }));
      const patterns = Array.from({ length: 100 }, (_, i) => compileEventPattern(`{"detail":{"n":[${i}]}}`));
      expect(patterns.filter((p) => p.matchesFlat(flat))).toHaveLength(1);
    });
  });

  describe('validation', () => {
    it.each([
      [
        'not json',
        "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
      ],
      ['["a"]', 'Filter is not an object'],
      ['{"a":"b"}', '"a" must be an object or an array'],
      ['{"a":[]}', 'Empty arrays are not allowed'],
      ['{"a":[{"exists":"yes"}]}', 'exists match pattern must be either true or false.'],
      ['{"a":[{"prefix":"x","suffix":"y"}]}', 'Only one key allowed in match expression'],
      ['{"a":[{"nope":1}]}', 'Unrecognized match type nope'],
      ['{"a":[{"numeric":["~",1]}]}', 'Unrecognized numeric range operator: ~'],
      ['{"a":[{"wildcard":"a**"}]}', 'Consecutive wildcard characters at pos 2'],
      ['{"a":[[1]]}', 'Match value must be String, number, true, false, or null'],
    ])('should refuse %s with the reason AWS gives', (pattern, reason) => {
      expect(reasonOf(pattern)).toBe(reason);
    });
  });
});
