import { compileEventPattern, compileRuleSet, flattenEvent } from '../../../event-patterns';
import { eventEnvelope } from '../local/eventbridge/event-envelope';

const ruleSetOf = (...patterns: unknown[]) =>
  compileRuleSet(patterns.map((pattern) => compileEventPattern(JSON.stringify(pattern))));

describe('compileRuleSet', () => {
  it('should give the indexes of the matching patterns in ascending order', () => {
    // Arrange
    const rules = ruleSetOf(
      { detail: { n: [{ numeric: ['>', 0] }] } },
      { source: ['other'] },
      { source: ['shop'] },
      { detail: { n: [1] } },
    );

    // Act
    const matched = rules.match(eventEnvelope({ n: 1 }));

    // Assert
    expect(matched).toEqual([0, 2, 3]);
  });

  it('should list a pattern once when several of its $or branches match', () => {
    // Arrange
    const rules = ruleSetOf({ $or: [{ source: ['shop'] }, { detail: { n: [1] } }] });

    // Act
    const matched = rules.match(eventEnvelope({ n: 1 }));

    // Assert
    expect(matched).toEqual([0]);
  });

  it('should only combine fields from the same element of an array of objects', () => {
    // Arrange
    const rules = ruleSetOf(
      { detail: { items: { sku: ['a'], qty: [1] } } },
      { detail: { items: { sku: ['a'], qty: [2] } } },
    );
    const event = eventEnvelope({
      items: [
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 2 },
      ],
    });

    // Act
    const matched = rules.match(event);

    // Assert
    expect(matched).toEqual([0]);
  });

  it('should count a field once however many of its values and conditions it satisfies', () => {
    // Arrange
    const rules = ruleSetOf({
      source: ['shop', 'shop', { prefix: 'sh' }],
      detail: { a: { b: [1] }, n: [1] },
    });
    const event = eventEnvelope({ 'a.b': 1, a: { b: 1 } });

    // Act
    const matched = rules.match(event);

    // Assert
    expect(matched).toEqual([]);
  });

  it('should match exists false only while the field is absent', () => {
    // Arrange
    const rules = ruleSetOf({ detail: { gone: [{ exists: false }] } });

    // Act
    const whenAbsent = rules.match(eventEnvelope({}));
    const whenPresent = rules.match(eventEnvelope({ gone: null }));
    const whenEmptyArray = rules.match(eventEnvelope({ gone: [] }));

    // Assert
    expect(whenAbsent).toEqual([0]);
    expect(whenPresent).toEqual([]);
    expect(whenEmptyArray).toEqual([0]);
  });

  it('should read a dotted event key as the nested path it names', () => {
    // Arrange
    const rules = ruleSetOf({ detail: { state: { status: ['running'] } } });

    // Act
    const matched = rules.match(eventEnvelope({ 'state.status': 'running' }));

    // Assert
    expect(matched).toEqual([0]);
  });

  it('should look up exact values by type, so "3" and 3 stay apart', () => {
    // Arrange
    const rules = ruleSetOf({ detail: { n: ['3'] } }, { detail: { n: [3] } }, { detail: { n: [null] } });

    // Act
    const number = rules.match(eventEnvelope({ n: 3 }));
    const text = rules.match(eventEnvelope({ n: '3' }));
    const nothing = rules.match(eventEnvelope({ n: null }));

    // Assert
    expect(number).toEqual([1]);
    expect(text).toEqual([0]);
    expect(nothing).toEqual([2]);
  });

  it('should index prefixes and suffixes of every length, with and without case', () => {
    // Arrange
    const rules = ruleSetOf(
      { detail: { f: [{ prefix: '' }] } },
      { detail: { f: [{ prefix: 'Rep' }] } },
      { detail: { f: [{ prefix: 'Report.PDFX' }] } },
      { detail: { f: [{ suffix: '.pdf' }] } },
      { detail: { f: [{ suffix: { 'equals-ignore-case': '.pdf' } }] } },
      { detail: { f: [{ prefix: { 'equals-ignore-case': 'REPORT' } }] } },
      { detail: { f: [{ 'equals-ignore-case': 'report.pdf' }] } },
    );

    // Act
    const matched = rules.match(eventEnvelope({ f: 'Report.PDF' }));

    // Assert
    expect(matched).toEqual([0, 1, 4, 5, 6]);
  });

  it('should give the same indexes from match and from matchFlat', () => {
    // Arrange
    const rules = ruleSetOf({ resources: ['b'] }, { detail: { n: [{ 'anything-but': 1 }] } });
    const event = eventEnvelope({ n: [1, 2] }, { resources: ['a', 'b'] });

    // Act
    const fromEvent = rules.match(event);
    const fromFlat = rules.matchFlat(flattenEvent(event));

    // Assert
    expect(fromEvent).toEqual([0, 1]);
    expect(fromFlat).toEqual(fromEvent);
  });

  it('should match nothing when built from no patterns', () => {
    // Arrange
    const rules = compileRuleSet([]);

    // Act
    const matched = rules.match(eventEnvelope({ n: 1 }));

    // Assert
    expect(matched).toEqual([]);
  });
});
