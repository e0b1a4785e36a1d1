/**
 * The last `capacity` durations of one function, in a ring buffer allocated once: recording is
 * a store and an index step, so the invocation path neither allocates nor sorts, and a long run
 * holds the same memory as a short one. Percentiles are computed when asked, by sorting a copy.
 */
export class DurationWindow {
  private readonly values: Float64Array;
  /** Where the next duration goes; once the window is full, that is the oldest one. */
  private next = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`A duration window holds at least one value (given ${capacity})`);
    }
    this.values = new Float64Array(capacity);
  }

  /** Durations held now: the number recorded, up to `capacity`. */
  get count(): number {
    return this.size;
  }

  record(durationMs: number): void {
    this.values[this.next] = durationMs;
    this.next = (this.next + 1) % this.capacity;
    if (this.size < this.capacity) this.size += 1;
  }

  /** The durations held, oldest first. */
  toArray(): number[] {
    const start = this.size < this.capacity ? 0 : this.next;
    return Array.from({ length: this.size }, (_, i) => this.values[(start + i) % this.capacity] as number);
  }

  /**
   * The nearest-rank percentiles (the smallest duration with at least p% of the window at or
   * below it) for each of `percents`, from one sort; null for each while the window is empty.
   */
  percentiles(percents: readonly number[]): Array<number | null> {
    if (this.size === 0) return percents.map(() => null);
    // A copy of the filled part (the window keeps recording in arrival order); typed arrays sort numerically.
    const sorted = this.values.slice(0, this.size).sort();
    return percents.map((p) => {
      const rank = Math.ceil((p / 100) * this.size);
      return sorted[Math.min(this.size, Math.max(1, rank)) - 1] as number;
    });
  }
}
