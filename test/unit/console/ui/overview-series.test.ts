import type { OverviewSample } from '../../../../console/api-types';
import {
  breakGaps,
  channelSeries,
  functionSeries,
  latestValue,
  mergeSamples,
  namesInOrder,
  ruleSeries,
} from '../../../../console/ui/lib/overview-series';
import { counterRates } from '../../../../console/ui/lib/rates';

/** A sample at `seconds` with one channel, one function and one rule. */
function sample(
  seconds: number,
  counts: { invocations?: number; errors?: number; matched?: number; queued?: number } = {},
): OverviewSample {
  return {
    at: seconds * 1000,
    channels: [
      {
        name: 'tasks',
        kind: 'tasks',
        queued: counts.queued ?? 0,
        inFlight: 1,
        delayed: 0,
        oldestMessageAgeSeconds: null,
        deadLetters: 0,
      },
    ],
    functions: [
      {
        name: 'TaskWorker',
        invocations: counts.invocations ?? 0,
        errors: counts.errors ?? 0,
        throttles: 0,
        durationP50Ms: null,
        durationP99Ms: null,
        coldStarts: 0,
        environments: 1,
        running: 0,
      },
    ],
    rules: [
      { name: 'HighValue', eventBusName: 'bus', matchedEvents: counts.matched ?? 0, failedDeliveries: 0 },
    ],
  };
}

describe('overview chart series', () => {
  it('should turn a cumulative counter into per-second rates', () => {
    // Arrange
    const readings = [
      { at: 0, value: 10 },
      { at: 2000, value: 14 },
      { at: 4000, value: 14 },
      { at: 5000, value: 17 },
    ];

    // Act
    const rates = counterRates(readings);

    // Assert
    expect(rates).toEqual([null, 2, 0, 3]);
  });

  it('should break the line where a counter went down or a reading is missing', () => {
    // Arrange
    const readings = [
      { at: 0, value: 50 },
      { at: 2000, value: 3 },
      { at: 4000, value: undefined },
      { at: 6000, value: 9 },
      { at: 6000, value: 9 },
    ];

    // Act
    const rates = counterRates(readings);

    // Assert
    expect(rates).toEqual([null, null, null, null, null]);
  });

  it('should chart a function as invocations and errors per second, x in epoch seconds', () => {
    // Arrange
    const samples = [
      sample(100),
      sample(102, { invocations: 10, errors: 2 }),
      sample(104, { invocations: 30, errors: 2 }),
    ];

    // Act
    const [xs, invocations, errors] = functionSeries(samples, 'TaskWorker');

    // Assert
    expect(xs).toEqual([100, 102, 104]);
    expect(invocations).toEqual([null, 5, 10]);
    expect(errors).toEqual([null, 1, 0]);
  });

  it('should chart a channel as its queued and in-flight counts, gaps where it was not reported', () => {
    // Arrange
    const samples = [sample(1, { queued: 4 }), { ...sample(3), channels: [] }, sample(5, { queued: 7 })];

    // Act
    const [, queued, inFlight] = channelSeries(samples, 'tasks');

    // Assert
    expect(queued).toEqual([4, null, 7]);
    expect(inFlight).toEqual([1, null, 1]);
  });

  it('should chart a rule as matched events per second', () => {
    expect(ruleSeries([sample(0, { matched: 1 }), sample(4, { matched: 9 })], 'HighValue')[1]).toEqual([
      null,
      2,
    ]);
  });

  it('should hold samples in time order, once each, within the window', () => {
    // Arrange
    const held = [sample(10), sample(12)];
    const history = [sample(12), sample(8), sample(14)];

    // Act
    const merged = mergeSamples(held, history, 5000);

    // Assert
    expect(merged.map((entry) => entry.at)).toEqual([10_000, 12_000, 14_000]);
  });

  it('should break the line across a silence longer than the gap', () => {
    // Arrange: samples every 2 s, then nothing for a minute.
    const samples = [sample(0, { queued: 1 }), sample(2, { queued: 2 }), sample(62, { queued: 3 })];

    // Act
    const [xs, queued] = channelSeries(samples, 'tasks');

    // Assert
    expect(xs).toEqual([0, 2, 32, 62]);
    expect(queued).toEqual([1, 2, null, 3]);
  });

  it('should leave data without a silence as it is', () => {
    // Arrange
    const data: [number[], (number | null)[]] = [
      [0, 2, 4],
      [1, 2, 3],
    ];

    // Act
    const result = breakGaps(data, 10);

    // Assert
    expect(result).toBe(data);
  });

  it('should list configured names first, then any only the samples report', () => {
    expect(namesInOrder(['b', 'a'], ['a', 'c'])).toEqual(['b', 'a', 'c']);
  });

  it('should find the latest known value of a series', () => {
    expect(latestValue([1, 2, null])).toBe(2);
    expect(latestValue([null])).toBeNull();
    expect(latestValue(undefined)).toBeNull();
  });
});
