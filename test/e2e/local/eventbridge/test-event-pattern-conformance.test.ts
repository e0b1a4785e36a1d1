import { InvalidEventPatternException, TestEventPatternCommand } from '@aws-sdk/client-eventbridge';
import {
  awsMessageFor,
  loadConformanceCases,
  messagePattern,
} from '../../../unit/event-patterns/event-pattern-conformance-cases';
import { type EventBridgeHarness, startEventBridgeHarness } from './eventbridge-harness';

/*
 * The vendored conformance suite again, this time through TestEventPattern over HTTP with the
 * real SDK client, as the recorded AWS answers were obtained.
 */
const cases = loadConformanceCases();

describe('TestEventPattern conformance over the local endpoint', () => {
  let harness: EventBridgeHarness;

  beforeAll(async () => {
    harness = await startEventBridgeHarness();
  });

  afterAll(async () => {
    await harness.stop();
  });

  it.each(cases.map((c) => [c.name, c] as const))('should answer %s like AWS', async (_name, testCase) => {
    // Act
    const answer = harness.eventBridge.send(
      new TestEventPatternCommand({ EventPattern: testCase.patternText, Event: testCase.eventText }),
    );

    // Assert
    if (testCase.expected === 'invalid') {
      await expect(answer).rejects.toBeInstanceOf(InvalidEventPatternException);
      const awsMessage = awsMessageFor(testCase.name);
      if (awsMessage) await expect(answer).rejects.toThrow(messagePattern(awsMessage));
    } else {
      expect((await answer).Result).toBe(testCase.expected === 'match');
    }
  });
});
