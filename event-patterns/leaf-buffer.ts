import type { LeafValue } from './flatten-event';

/**
 * The scalars of one event at each path a rule set tests, by path id. The lists are reused from
 * event to event (a generation stamp says which are current, a count how much of each), so
 * matching allocates nothing per path.
 */
export class LeafBuffer {
  private generation = 0;
  private readonly values: LeafValue[][];
  private readonly counts: Uint32Array;
  private readonly stamps: Uint32Array;
  private readonly arrayStamps: Uint32Array;

  constructor(pathCount: number) {
    this.values = Array.from({ length: pathCount }, () => []);
    this.counts = new Uint32Array(pathCount);
    this.stamps = new Uint32Array(pathCount);
    this.arrayStamps = new Uint32Array(pathCount);
  }

  /** Starts a new event: every path is empty again. */
  begin(): void {
    if (this.generation === 0xffffffff) {
      // Wrapping around would let stamps from 2^32 events ago look current.
      this.stamps.fill(0);
      this.arrayStamps.fill(0);
      this.generation = 0;
    }
    this.generation++;
  }

  /** Records a scalar found at the path; `inArray` when it sits inside an array of the event. */
  add(path: number, value: LeafValue, inArray: boolean): void {
    let count = 0;
    if (this.stamps[path] === this.generation) count = this.counts[path] as number;
    else this.stamps[path] = this.generation;
    (this.values[path] as LeafValue[])[count] = value;
    this.counts[path] = count + 1;
    if (inArray) this.arrayStamps[path] = this.generation;
  }

  /** How many scalars the event has at the path (0 when it has none there). */
  countAt(path: number): number {
    return this.stamps[path] === this.generation ? (this.counts[path] as number) : 0;
  }

  /** The scalars at the path; only the first `countAt(path)` belong to the current event. */
  valuesAt(path: number): readonly LeafValue[] {
    return this.values[path] as LeafValue[];
  }

  /** True when some scalar at the path sits inside an array of the event. */
  isInArray(path: number): boolean {
    return this.arrayStamps[path] === this.generation;
  }
}
