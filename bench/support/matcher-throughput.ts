import { compileEventPattern, compileRuleSet, flattenEvent } from '../../event-patterns';
import { matcherWorkload } from './matcher-workload';

/** Events per second of one way of matching, over the same events and rules as the others. */
interface MatcherRate {
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

/** What `matcherThroughput` measured: the rule set's rate, and the baseline's beside it. */
export interface MatcherThroughput extends MatcherRate {
  readonly rules: number;
  readonly events: number;
  readonly rounds: number;
  readonly matched: number;
  readonly baseline: MatcherRate & { readonly name: string };
}

const MATCHER_ROUNDS = 3;

/**
 * The rule-set matcher against the baseline of testing each compiled rule in turn (what the
 * bus did before it had a rule set), on the same events and rules, rounds interleaved so that
 * a noisy neighbour slows both alike; each figure is the median round.
 */
export const matcherThroughput = (events: number, region: string): MatcherThroughput => {
  const workload = matcherWorkload(region);
  const rules = workload.patterns.map(compileEventPattern);
  const ruleSet = compileRuleSet(rules);
  const sample = workload.events;
  const oneRuleAtATime = (count: number): number => {
    let matched = 0;
    for (let i = 0; i < count; i += 1) {
      const flat = flattenEvent(sample[i % sample.length]);
      for (const rule of rules) if (rule.matchesFlat(flat)) matched += 1;
    }
    return matched;
  };
  const withRuleSet = (count: number): number => {
    let matched = 0;
    for (let i = 0; i < count; i += 1) matched += ruleSet.match(sample[i % sample.length]).length;
    return matched;
  };
  // Warm-up: JIT out of the figures.
  oneRuleAtATime(events / 10);
  withRuleSet(events / 10);
  const baselineSeconds: number[] = [];
  const ruleSetSeconds: number[] = [];
  let matched = 0;
  for (let round = 0; round < MATCHER_ROUNDS; round += 1) {
    const baselineRun = timed(() => oneRuleAtATime(events));
    const ruleSetRun = timed(() => withRuleSet(events));
    if (baselineRun.result !== ruleSetRun.result) {
      throw new Error(
        `Rule set found ${ruleSetRun.result} matches, one rule at a time ${baselineRun.result}`,
      );
    }
    matched = ruleSetRun.result;
    baselineSeconds.push(baselineRun.seconds);
    ruleSetSeconds.push(ruleSetRun.seconds);
  }
  const rateOf = (seconds: number[]): MatcherRate => {
    const median = [...seconds].sort((a, b) => a - b)[Math.floor(seconds.length / 2)] ?? 0;
    return { seconds: Number(median.toFixed(3)), eventsPerSecond: Math.round(events / median) };
  };
  const ruleSetRate = rateOf(ruleSetSeconds);
  return {
    rules: rules.length,
    events,
    rounds: MATCHER_ROUNDS,
    matched,
    ...ruleSetRate,
    baseline: { name: 'each compiled rule tested in turn', ...rateOf(baselineSeconds) },
  };
};

const timed = (run: () => number): { result: number; seconds: number } => {
  const started = process.hrtime.bigint();
  const result = run();
  return { result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
};

/** The result as Markdown lines, ending with a blank line. */
export const matcherMarkdown = (matcher: MatcherThroughput): string[] => [
  `Pattern matcher alone, ${matcher.rules} rules, ${matcher.events} events per round, median of ${matcher.rounds} rounds (${matcher.matched} matches per round):`,
  '',
  '| Matcher | events/s | seconds |',
  '| --- | ---: | ---: |',
  `| Rule set (\`compileRuleSet\`) | ${matcher.eventsPerSecond} | ${matcher.seconds} |`,
  `| Baseline: ${matcher.baseline.name} | ${matcher.baseline.eventsPerSecond} | ${matcher.baseline.seconds} |`,
  '',
];
