import type { CompiledEventPattern } from './compiled-event-pattern';
import { type FlatEvent, flattenEvent } from './flatten-event';
import { LeafBuffer } from './leaf-buffer';
import { MatchTally } from './match-tally';
import type { PathIndex } from './path-index';
import { PathTrie } from './path-trie';

/**
 * Where one alternative (one conjunction of one pattern) of a rule set comes from. Its fields
 * are the slots numbered right after those of the alternative before it, one per path.
 */
export interface AlternativeSource {
  readonly pattern: number;
  readonly alternative: number;
  /** Ids of the paths its fields test; several mean array elements must be checked together. */
  readonly paths: readonly number[];
}

/**
 * Many compiled patterns matched together, as a bus matches its rules: the event is walked
 * once, only along the paths some rule tests, and each of its values is looked up once per path
 * across all rules instead of once per rule. Build it with `compileRuleSet`. It gives exactly
 * the patterns whose own `matchesFlat` is true.
 */
export class RuleSet {
  private readonly trie: PathTrie;
  private readonly buffer: LeafBuffer;
  private readonly tally: MatchTally;

  /**
   * @param patterns the patterns, in the order their indexes refer to.
   * @param paths the index of each path the patterns test, path ids being positions here.
   * @param alternatives every alternative of every pattern, their slots numbered in this order.
   */
  constructor(
    private readonly patterns: readonly CompiledEventPattern[],
    private readonly paths: readonly PathIndex[],
    private readonly alternatives: readonly AlternativeSource[],
  ) {
    this.trie = new PathTrie(paths.map((path) => path.path));
    this.buffer = new LeafBuffer(paths.length);
    this.tally = new MatchTally(
      Uint32Array.from(alternatives.flatMap((source, alternative) => source.paths.map(() => alternative))),
      Uint32Array.from(alternatives, (source) => source.paths.length),
      patterns.length,
    );
  }

  /** Indexes (into the patterns the set was built from) of those matching, in ascending order. */
  match(event: unknown): number[] {
    this.buffer.begin();
    this.trie.collect(event, this.buffer);
    let flat: FlatEvent | undefined;
    return this.matchBuffered(() => {
      flat ??= flattenEvent(event);
      return flat;
    });
  }

  /** `match` for an event already flattened with `flattenEvent`. */
  matchFlat(event: FlatEvent): number[] {
    const buffer = this.buffer;
    buffer.begin();
    for (const path of this.paths) {
      const leaves = event.get(path.path);
      if (leaves) for (const leaf of leaves) buffer.add(path.id, leaf.value, leaf.arrays.length > 0);
    }
    return this.matchBuffered(() => event);
  }

  /** `flat` is only called when array elements must be checked, which array-free events never need. */
  private matchBuffered(flat: () => FlatEvent): number[] {
    const tally = this.tally;
    const buffer = this.buffer;
    tally.begin();
    for (const path of this.paths) path.collect(buffer.valuesAt(path.id), buffer.countAt(path.id), tally);
    const matched: number[] = [];
    for (let i = 0; i < tally.satisfiedTotal; i++) {
      const source = this.alternatives[tally.satisfiedAt(i)] as AlternativeSource;
      if (tally.isMatched(source.pattern)) continue;
      if (this.needsElementCheck(source)) {
        const pattern = this.patterns[source.pattern] as CompiledEventPattern;
        if (!pattern.matchesAlternativeFlat(source.alternative, flat())) continue;
      }
      tally.markMatched(source.pattern);
      matched.push(source.pattern);
    }
    if (matched.length > 1) matched.sort(ascending);
    return matched;
  }

  /**
   * Counting satisfied fields cannot tell whether two fields were satisfied by the same element
   * of an array of objects, as AWS requires; when that can matter, the pattern's own
   * depth-first test decides.
   */
  private needsElementCheck(source: AlternativeSource): boolean {
    if (source.paths.length < 2) return false;
    for (const path of source.paths) if (this.buffer.isInArray(path)) return true;
    return false;
  }
}

function ascending(a: number, b: number): number {
  return a - b;
}
