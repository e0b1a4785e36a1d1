/** The event-pattern engine: AWS validation and matching, compiled once per pattern. */
export { compileEventPattern, expandEventPattern, type PatternConjunction } from './compile-event-pattern';
export { compileRuleSet } from './compile-rule-set';
export { CompiledEventPattern } from './compiled-event-pattern';
export { EventPatternError } from './event-pattern-error';
export { type EventLeaf, type FlatEvent, flattenEvent, type LeafValue } from './flatten-event';
export { intersectEventPatterns, PatternIntersectionError } from './intersect-event-patterns';
export type { RuleSet } from './rule-set';
