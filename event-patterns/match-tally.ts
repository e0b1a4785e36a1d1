/**
 * Per-event bookkeeping of a rule set, reused across events: which field slots (one per field of
 * each alternative) an event satisfied, which alternatives have all their fields satisfied, and
 * which patterns already matched. Generation stamps instead of clearing arrays keep the cost per
 * event proportional to the hits, not to the number of rules.
 */
export class MatchTally {
  private generation = 0;
  private readonly slotStamps: Uint32Array;
  private readonly alternativeStamps: Uint32Array;
  private readonly counts: Uint32Array;
  private readonly patternStamps: Uint32Array;
  // Each alternative is satisfied at most once per event, so this never overflows.
  private readonly satisfied: Uint32Array;
  private satisfiedCount = 0;

  /**
   * @param slotAlternatives the alternative each field slot belongs to.
   * @param fieldCounts how many fields (slots) each alternative has.
   * @param patternCount how many patterns the alternatives come from.
   */
  constructor(
    private readonly slotAlternatives: Uint32Array,
    private readonly fieldCounts: Uint32Array,
    patternCount: number,
  ) {
    this.slotStamps = new Uint32Array(slotAlternatives.length);
    this.alternativeStamps = new Uint32Array(fieldCounts.length);
    this.counts = new Uint32Array(fieldCounts.length);
    this.satisfied = new Uint32Array(fieldCounts.length);
    this.patternStamps = new Uint32Array(patternCount);
  }

  /** Starts a new event: forgets every credit and match of the previous one. */
  begin(): void {
    this.satisfiedCount = 0;
    if (this.generation === 0xffffffff) {
      // Wrapping around would let stamps from 2^32 events ago look current.
      this.slotStamps.fill(0);
      this.alternativeStamps.fill(0);
      this.patternStamps.fill(0);
      this.generation = 0;
    }
    this.generation++;
  }

  /** How many alternatives have every field satisfied so far. */
  get satisfiedTotal(): number {
    return this.satisfiedCount;
  }

  /** The `index`-th alternative (in credit order) whose every field is satisfied. */
  satisfiedAt(index: number): number {
    return this.satisfied[index] as number;
  }

  /** True when the slot was already credited for this event, so its test can be skipped. */
  isCredited(slot: number): boolean {
    return this.slotStamps[slot] === this.generation;
  }

  /** Records that the event satisfies the field in `slot`; counting each slot once. */
  credit(slot: number): void {
    if (this.slotStamps[slot] === this.generation) return;
    this.slotStamps[slot] = this.generation;
    const alternative = this.slotAlternatives[slot] as number;
    let count = 1;
    if (this.alternativeStamps[alternative] === this.generation) {
      count = (this.counts[alternative] as number) + 1;
    } else {
      this.alternativeStamps[alternative] = this.generation;
    }
    this.counts[alternative] = count;
    if (count === this.fieldCounts[alternative]) this.satisfied[this.satisfiedCount++] = alternative;
  }

  /** `credit` for each slot of a list. */
  creditAll(slots: readonly number[]): void {
    for (let i = 0; i < slots.length; i++) this.credit(slots[i] as number);
  }

  /** True when the pattern was already found to match this event (through another alternative). */
  isMatched(pattern: number): boolean {
    return this.patternStamps[pattern] === this.generation;
  }

  /** Records that the pattern matches this event. */
  markMatched(pattern: number): void {
    this.patternStamps[pattern] = this.generation;
  }
}
