import { buildTargetInput } from '../../../../local/eventbridge/engine/target-input';
import type { TargetRecord } from '../../../../local/eventbridge/records/eventbridge-records';
import { eventEnvelope } from './event-envelope';

function aTarget(overrides: Partial<TargetRecord> = {}): TargetRecord {
  return { Id: 't', Arn: 'arn:aws:sqs:us-east-1:000000000000:q', ...overrides };
}

const context = {
  ruleArn: 'arn:aws:events:us-east-1:000000000000:rule/r',
  ruleName: 'r',
  ingestionTime: '2026-01-01T00:00:01.000Z',
};

describe('buildTargetInput', () => {
  it('should send the whole event by default', () => {
    expect(JSON.parse(buildTargetInput(aTarget(), eventEnvelope({ a: 1 }), context))).toMatchObject({
      id: 'e-1',
      detail: { a: 1 },
    });
  });

  it('should send Input unchanged', () => {
    expect(buildTargetInput(aTarget({ Input: '"constant"' }), eventEnvelope({}), context)).toBe('"constant"');
  });

  it('should send the JSON at InputPath, with bracket and index steps', () => {
    const event = eventEnvelope({ 'line-items': [{ sku: 'a' }, { sku: 'b' }] });
    expect(buildTargetInput(aTarget({ InputPath: "$.detail['line-items'][1]" }), event, context)).toBe(
      '{"sku":"b"}',
    );
  });

  it('should quote strings outside JSON strings and insert them raw inside', () => {
    // Arrange
    const target = aTarget({
      InputTransformer: {
        InputPathsMap: { name: '$.detail.name', count: '$.detail.count', tags: '$.detail.tags' },
        InputTemplate:
          '{"name": <name>, "count": <count>, "tags": <tags>, "text": "<name> has <count> \\"items\\""}',
      },
    });

    // Act
    const output = buildTargetInput(
      target,
      eventEnvelope({ name: 'Ann "A"', count: 2, tags: ['x'] }),
      context,
    );

    // Assert
    expect(JSON.parse(output)).toEqual({
      name: 'Ann "A"',
      count: 2,
      tags: ['x'],
      text: 'Ann "A" has 2 "items"',
    });
  });

  it('should fill a plain-text template with raw values', () => {
    const target = aTarget({
      InputTransformer: {
        InputPathsMap: { s: '$.source' },
        InputTemplate: 'from <s> via <aws.events.rule-name>',
      },
    });
    expect(buildTargetInput(target, eventEnvelope({}), context)).toBe('from shop via r');
  });

  it('should insert null for a path that leads nowhere', () => {
    const target = aTarget({
      InputTransformer: { InputPathsMap: { x: '$.detail.missing' }, InputTemplate: '{"x": <x>}' },
    });
    expect(JSON.parse(buildTargetInput(target, eventEnvelope({}), context))).toEqual({ x: null });
  });

  it('should expose the whole event as <aws.events.event>', () => {
    const target = aTarget({ InputTransformer: { InputTemplate: '{"original": <aws.events.event>}' } });
    expect(JSON.parse(buildTargetInput(target, eventEnvelope({ a: 1 }), context)).original.detail).toEqual({
      a: 1,
    });
  });
});
