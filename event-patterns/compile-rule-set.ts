import type { CompiledEventPattern } from './compiled-event-pattern';
import { PathIndex } from './path-index';
import { type AlternativeSource, RuleSet } from './rule-set';

/**
 * Builds a rule set from compiled patterns: every field of every alternative becomes a numbered
 * slot in the index of its path. Its `match` then gives the indexes of the matching patterns.
 */
export function compileRuleSet(patterns: readonly CompiledEventPattern[]): RuleSet {
  const paths = new Map<string, PathIndex>();
  const alternatives: AlternativeSource[] = [];
  let slot = 0;
  patterns.forEach((pattern, patternIndex) => {
    pattern.alternatives.forEach((fields, alternativeIndex) => {
      const pathIds = fields.map(({ path, matcher }) => {
        let index = paths.get(path);
        if (!index) {
          index = new PathIndex(path, paths.size);
          paths.set(path, index);
        }
        index.add(slot++, matcher);
        return index.id;
      });
      alternatives.push({ pattern: patternIndex, alternative: alternativeIndex, paths: pathIds });
    });
  });
  return new RuleSet(patterns, [...paths.values()], alternatives);
}
