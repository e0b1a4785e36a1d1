import { matcherWorkload } from '../../../bench/support/matcher-workload';
import {
  type CompiledEventPattern,
  compileEventPattern,
  compileRuleSet,
  flattenEvent,
} from '../../../event-patterns';
import { loadConformanceCases } from './event-pattern-conformance-cases';
import { patternVocabulary } from './pattern-vocabulary';
import { randomEvent } from './random-event';
import { seededRandom } from './seeded-random';

/*
 * The rule set must be an exact shortcut: for any event it lists precisely the patterns whose
 * own test passes. Events are generated (seeded, so every run sees the same ones) from the
 * field names and values of the patterns under test and of the events they were written for.
 */
const EVENTS_PER_SUITE = 3000;

interface Disagreement {
  readonly event: unknown;
  readonly oneByOne: number[];
  readonly ruleSet: number[];
  readonly ruleSetFlat: number[];
}

function compareOnRandomEvents(
  patternTexts: readonly string[],
  sampleEvents: readonly unknown[],
  seed: number,
): { disagreements: Disagreement[]; matches: number; patternsEverMatched: number } {
  const patterns = patternTexts.map(compileEventPattern);
  const ruleSet = compileRuleSet(patterns);
  const vocabulary = patternVocabulary(patternTexts, sampleEvents);
  const random = seededRandom(seed);
  const events = [
    ...sampleEvents,
    ...Array.from({ length: EVENTS_PER_SUITE }, () => randomEvent(random, vocabulary)),
  ];
  const disagreements: Disagreement[] = [];
  const everMatched = new Set<number>();
  let matches = 0;
  for (const event of events) {
    const oneByOne = matchOneByOne(patterns, event);
    const fromEvent = ruleSet.match(event);
    const fromFlat = ruleSet.matchFlat(flattenEvent(event));
    if (!sameList(oneByOne, fromEvent) || !sameList(oneByOne, fromFlat)) {
      disagreements.push({ event, oneByOne, ruleSet: fromEvent, ruleSetFlat: fromFlat });
    }
    matches += oneByOne.length;
    for (const index of oneByOne) everMatched.add(index);
  }
  return { disagreements, matches, patternsEverMatched: everMatched.size };
}

function matchOneByOne(patterns: readonly CompiledEventPattern[], event: unknown): number[] {
  const flat = flattenEvent(event);
  return patterns.flatMap((pattern, index) => (pattern.matchesFlat(flat) ? [index] : []));
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

describe('compileRuleSet agrees with testing each pattern alone', () => {
  it('should match exactly the same patterns on the benchmark rules', () => {
    // Arrange
    const workload = matcherWorkload();

    // Act
    const outcome = compareOnRandomEvents(workload.patterns, workload.events, 1);

    // Assert
    expect(outcome.disagreements.slice(0, 3)).toEqual([]);
    expect(outcome.patternsEverMatched).toBe(workload.patterns.length);
  });

  it('should match exactly the same patterns on the conformance patterns', () => {
    // Arrange
    const valid = loadConformanceCases().filter((testCase) => testCase.expected !== 'invalid');
    const patterns = valid.map((testCase) => testCase.patternText);
    const events = valid.map((testCase): unknown => JSON.parse(testCase.eventText));

    // Act
    const outcome = compareOnRandomEvents(patterns, events, 2);

    // Assert
    expect(outcome.disagreements.slice(0, 3)).toEqual([]);
    // Not vacuous: nearly every pattern matches some of the events.
    expect(outcome.patternsEverMatched).toBeGreaterThanOrEqual(0.9 * patterns.length);
  });
});
