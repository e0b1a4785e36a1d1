/** One reading of a counter that only grows while its process lives. */
export interface CounterReading {
  /** Epoch milliseconds. */
  readonly at: number;
  /** undefined when the entity was absent from that sample. */
  readonly value: number | undefined;
}

/**
 * Per-second rates between consecutive readings of a cumulative counter, aligned with the
 * readings (the first has none). A gap in the readings, or a counter that went down (the local
 * cloud restarted), gives null: a chart then breaks the line instead of plotting a negative or a
 * made-up rate.
 */
export function counterRates(readings: readonly CounterReading[]): (number | null)[] {
  return readings.map((reading, index) => {
    const previous = readings[index - 1];
    if (previous === undefined || previous.value === undefined || reading.value === undefined) return null;
    const seconds = (reading.at - previous.at) / 1000;
    const delta = reading.value - previous.value;
    if (seconds <= 0 || delta < 0) return null;
    return delta / seconds;
  });
}
