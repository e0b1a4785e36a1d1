import { DurationWindow } from '../../../../local/lambda/duration-window';

describe('DurationWindow', () => {
  it('should give no percentile before the first duration', () => {
    // Arrange
    const window = new DurationWindow(8);

    // Act
    const percentiles = window.percentiles([50, 99]);

    // Assert
    expect(percentiles).toEqual([null, null]);
    expect(window.count).toBe(0);
  });

  it('should give nearest-rank percentiles whatever the order durations came in', () => {
    // Arrange: 1..100 ms, shuffled so that arrival order is not sorted order
    const window = new DurationWindow(128);
    const durations = Array.from({ length: 100 }, (_, i) => ((i * 37) % 100) + 1);

    // Act
    for (const duration of durations) window.record(duration);

    // Assert
    expect(window.percentiles([50, 99, 100])).toEqual([50, 99, 100]);
  });

  it('should give the single duration for every percentile', () => {
    // Arrange
    const window = new DurationWindow(4);

    // Act
    window.record(7.5);

    // Assert
    expect(window.percentiles([0, 50, 99])).toEqual([7.5, 7.5, 7.5]);
  });

  it('should keep only the most recent durations once full', () => {
    // Arrange
    const window = new DurationWindow(4);

    // Act: two slow ones fall out behind four fast ones
    for (const duration of [900, 800, 1, 2, 3, 4]) window.record(duration);

    // Assert
    expect(window.count).toBe(4);
    expect(window.toArray()).toEqual([1, 2, 3, 4]);
    expect(window.percentiles([50, 99])).toEqual([2, 4]);
  });

  it('should list what it holds oldest first before and after wrapping', () => {
    // Arrange
    const window = new DurationWindow(3);

    // Act
    window.record(1);
    window.record(2);
    const beforeWrap = window.toArray();
    window.record(3);
    window.record(4);

    // Assert
    expect(beforeWrap).toEqual([1, 2]);
    expect(window.toArray()).toEqual([2, 3, 4]);
  });

  it('should refuse a window that could hold nothing', () => {
    // Act / Assert
    expect(() => new DurationWindow(0)).toThrow(/at least one value \(given 0\)/);
  });
});
