import { compileEventPattern, EventPatternError } from '../../../event-patterns';
import { awsMessageFor, loadConformanceCases, messagePattern } from './event-pattern-conformance-cases';

/*
 * Runs every case of the vendored EventBridge conformance suite against the pattern engine and
 * checks AWS's answer: match, no match, or InvalidEventPatternException with AWS's message.
 */
const cases = loadConformanceCases();

describe('event pattern conformance (AWS TestEventPattern answers)', () => {
  it('should load all 156 recorded cases', () => {
    expect(cases).toHaveLength(156);
  });

  it.each(cases.map((c) => [c.name, c] as const))('should answer %s like AWS', (_name, testCase) => {
    // Arrange
    const event: unknown = JSON.parse(testCase.eventText);

    // Act
    const outcome = (): boolean => compileEventPattern(testCase.patternText).matches(event);

    // Assert
    if (testCase.expected === 'invalid') {
      expect(outcome).toThrow(EventPatternError);
      const awsMessage = awsMessageFor(testCase.name);
      if (awsMessage) expect(outcome).toThrow(messagePattern(awsMessage));
    } else {
      expect(outcome()).toBe(testCase.expected === 'match');
    }
  });
});
