import { AffixIndex } from './affix-index';
import type { FieldMatcher } from './field-matcher';
import type { LeafValue } from './flatten-event';
import type { MatchTally } from './match-tally';
import type { ValuePredicate } from './value-predicate';

interface SlotTest {
  readonly slot: number;
  readonly test: ValuePredicate;
}

/**
 * Every field condition that the rules of a set place on one dotted path, indexed the way
 * event-ruler does: exact values, case-folded values and affixes are map lookups per event
 * value, so rules that cannot match are never visited. Operators without a key (numeric,
 * anything-but, wildcard, cidr) are tested one by one, but only against values of a type they
 * can accept.
 */
export class PathIndex {
  private readonly exact = new Map<LeafValue, number[]>();
  private readonly folded = new Map<string, number[]>();
  private readonly prefixes = new AffixIndex('prefix');
  private readonly suffixes = new AffixIndex('suffix');
  private readonly foldedPrefixes = new AffixIndex('prefix');
  private readonly foldedSuffixes = new AffixIndex('suffix');
  private readonly present: number[] = [];
  private readonly absent: number[] = [];
  private readonly stringTests: SlotTest[] = [];
  private readonly numberTests: SlotTest[] = [];
  private readonly anyTests: SlotTest[] = [];
  private hasAffixes = false;
  private hasFolded = false;

  /**
   * @param path the dotted path, as `flattenEvent` keys it.
   * @param id this path's number within its rule set.
   */
  constructor(
    readonly path: string,
    readonly id: number,
  ) {}

  /** Indexes the field condition of one alternative, known by its slot number. */
  add(slot: number, matcher: FieldMatcher): void {
    if (matcher.matchesAbsent) this.absent.push(slot);
    for (const term of matcher.terms) {
      switch (term.kind) {
        case 'exact':
          addTo(this.exact, term.value, slot);
          break;
        case 'equals-ignore-case':
          addTo(this.folded, term.folded, slot);
          this.hasFolded = true;
          break;
        case 'prefix':
        case 'suffix': {
          const index = term.ignoreCase
            ? term.kind === 'prefix'
              ? this.foldedPrefixes
              : this.foldedSuffixes
            : term.kind === 'prefix'
              ? this.prefixes
              : this.suffixes;
          index.add(term.text, slot);
          this.hasAffixes = true;
          if (term.ignoreCase) this.hasFolded = true;
          break;
        }
        case 'present':
          this.present.push(slot);
          break;
        case 'test': {
          const tests =
            term.accepts === 'string'
              ? this.stringTests
              : term.accepts === 'number'
                ? this.numberTests
                : this.anyTests;
          tests.push({ slot, test: term.test });
          break;
        }
      }
    }
  }

  /**
   * Credits every slot of this path that the event's values here (the first `count` of
   * `values`), or their absence, satisfy.
   */
  collect(values: readonly LeafValue[], count: number, tally: MatchTally): void {
    if (count === 0) {
      tally.creditAll(this.absent);
      return;
    }
    tally.creditAll(this.present);
    for (let i = 0; i < count; i++) {
      const value = values[i] as LeafValue;
      const exact = this.exact.get(value);
      if (exact) tally.creditAll(exact);
      if (typeof value === 'string') {
        this.collectString(value, tally);
        runTests(this.stringTests, value, tally);
      } else if (typeof value === 'number') {
        runTests(this.numberTests, value, tally);
      }
      runTests(this.anyTests, value, tally);
    }
  }

  private collectString(value: string, tally: MatchTally): void {
    if (this.hasAffixes) {
      this.prefixes.collect(value, tally);
      this.suffixes.collect(value, tally);
    }
    if (!this.hasFolded) return;
    // Folded once per value, however many case-insensitive conditions the path has.
    const lower = value.toLowerCase();
    const folded = this.folded.get(lower);
    if (folded) tally.creditAll(folded);
    this.foldedPrefixes.collect(lower, tally);
    this.foldedSuffixes.collect(lower, tally);
  }
}

function addTo<K>(map: Map<K, number[]>, key: K, slot: number): void {
  const slots = map.get(key);
  if (slots) slots.push(slot);
  else map.set(key, [slot]);
}

function runTests(tests: readonly SlotTest[], value: LeafValue, tally: MatchTally): void {
  for (let i = 0; i < tests.length; i++) {
    const { slot, test } = tests[i] as SlotTest;
    if (!tally.isCredited(slot) && test(value)) tally.credit(slot);
  }
}
