import type { OverviewSample } from '../../api-types';
import { counterRates } from './rates';

/** How far back the overview's charts reach. */
export const CHART_WINDOW_MS = 10 * 60_000;

/**
 * The samples to keep after new ones arrive: in time order, one per instant (a reconnect's
 * history repeats samples already held), none older than the window before the newest.
 */
export function mergeSamples(
  held: readonly OverviewSample[],
  arriving: readonly OverviewSample[],
  windowMs: number = CHART_WINDOW_MS,
): OverviewSample[] {
  const byInstant = new Map<number, OverviewSample>();
  for (const sample of [...held, ...arriving]) byInstant.set(sample.at, sample);
  const merged = [...byInstant.values()].sort((a, b) => a.at - b.at);
  const newest = merged[merged.length - 1];
  if (newest === undefined) return [];
  return merged.filter((sample) => sample.at >= newest.at - windowMs);
}

/**
 * Names to show, in the configuration's order, followed by any the samples report that the
 * configuration did not list (so nothing the server measures is hidden).
 */
export function namesInOrder(configured: readonly string[], reported: readonly string[]): string[] {
  return [...new Set([...configured, ...reported])];
}

/** uPlot's aligned data: x in epoch seconds, then one array per series. */
export type ChartData = [number[], ...(number | null)[][]];

const seconds = (samples: readonly OverviewSample[]): number[] => samples.map((sample) => sample.at / 1000);

/** Samples come at least every 2 s; a longer silence is the server being away, not a trend. */
export const GAP_SECONDS = 10;

/**
 * The data with a null point in each silence longer than `gapSeconds`, so a chart breaks the
 * line there instead of drawing a straight one across minutes nobody measured.
 */
export function breakGaps(data: ChartData, gapSeconds: number = GAP_SECONDS): ChartData {
  const [xs, ...ys] = data;
  const gaps = xs.flatMap((x, index) => {
    const previous = xs[index - 1];
    return previous !== undefined && x - previous > gapSeconds ? [index] : [];
  });
  if (gaps.length === 0) return data;
  const withGaps = <T>(values: readonly T[], gapValue: (index: number) => T): T[] =>
    values.flatMap((value, index) => (gaps.includes(index) ? [gapValue(index), value] : [value]));
  return [
    withGaps(xs, (index) => ((xs[index - 1] ?? 0) + (xs[index] ?? 0)) / 2),
    ...ys.map((series) => withGaps(series, () => null)),
  ];
}

/** Queued and in-flight messages of one channel over the samples. */
export function channelSeries(samples: readonly OverviewSample[], name: string): ChartData {
  const rows = samples.map((sample) => sample.channels.find((channel) => channel.name === name));
  return breakGaps([
    seconds(samples),
    rows.map((row) => row?.queued ?? null),
    rows.map((row) => row?.inFlight ?? null),
  ]);
}

/** Invocations and errors per second of one function over the samples. */
export function functionSeries(samples: readonly OverviewSample[], name: string): ChartData {
  const rows = samples.map((sample) => sample.functions.find((fn) => fn.name === name));
  const rate = (pick: (row: NonNullable<(typeof rows)[number]>) => number) =>
    counterRates(samples.map((sample, index) => ({ at: sample.at, value: mapDefined(rows[index], pick) })));
  return breakGaps([seconds(samples), rate((row) => row.invocations), rate((row) => row.errors)]);
}

/** Matched events per second of one rule over the samples. */
export function ruleSeries(samples: readonly OverviewSample[], name: string): ChartData {
  const readings = samples.map((sample) => ({
    at: sample.at,
    value: sample.rules.find((rule) => rule.name === name)?.matchedEvents,
  }));
  return breakGaps([seconds(samples), counterRates(readings)]);
}

const mapDefined = <T, R>(value: T | undefined, map: (value: T) => R): R | undefined =>
  value === undefined ? undefined : map(value);

/** The latest non-null value of a series, for a chart's text alternative. */
export function latestValue(series: readonly (number | null)[] | undefined): number | null {
  if (series === undefined) return null;
  for (let index = series.length - 1; index >= 0; index--) {
    const value = series[index];
    if (value !== null && value !== undefined) return value;
  }
  return null;
}
