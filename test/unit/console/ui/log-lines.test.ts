import type { LogLine } from '../../../../console/api-types';
import {
  appendCapped,
  isScrolledToEnd,
  type LogFilter,
  logStreamUrl,
  matchesLogFilter,
  NO_LOG_FILTER,
  toLogLine,
} from '../../../../console/ui/lib/log-lines';

const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'];

const logLine = (overrides: Partial<LogLine> = {}): LogLine => ({
  at: 1_700_000_000_000,
  function: 'TaskWorker',
  level: 'INFO',
  correlationId: 'corr-1',
  line: '{"message":"hello"}',
  ...overrides,
});

const filter = (overrides: Partial<LogFilter>): LogFilter => ({ ...NO_LOG_FILTER, ...overrides });

describe('log lines', () => {
  it('should leave unset filters out of the stream URL', () => {
    expect(logStreamUrl(NO_LOG_FILTER)).toBe('/api/logs/stream');
    expect(logStreamUrl(filter({ function: 'Task Worker', correlationId: ' c&1 ' }))).toBe(
      '/api/logs/stream?function=Task+Worker&correlationId=c%261',
    );
    expect(logStreamUrl(filter({ level: 'WARN' }))).toBe('/api/logs/stream?level=WARN');
  });

  it('should keep lines at or above the minimum level, whatever their case', () => {
    // Arrange
    const warnOrWorse = filter({ level: 'WARN' });

    // Act
    const kept = ['debug', 'INFO', 'warn', 'ERROR'].filter((level) =>
      matchesLogFilter(logLine({ level }), warnOrWorse, LEVELS),
    );

    // Assert
    expect(kept).toEqual(['warn', 'ERROR']);
  });

  it('should keep a line whose level it cannot rank', () => {
    expect(matchesLogFilter(logLine({ level: 'NOTICE' }), filter({ level: 'ERROR' }), LEVELS)).toBe(true);
  });

  it('should drop lines of another function or another correlation id', () => {
    expect(matchesLogFilter(logLine(), filter({ function: 'SubmitTask' }), LEVELS)).toBe(false);
    expect(matchesLogFilter(logLine(), filter({ correlationId: 'corr-2' }), LEVELS)).toBe(false);
    expect(
      matchesLogFilter(logLine({ correlationId: null }), filter({ correlationId: 'corr-1' }), LEVELS),
    ).toBe(false);
    expect(
      matchesLogFilter(logLine(), filter({ function: 'TaskWorker', correlationId: 'corr-1' }), LEVELS),
    ).toBe(true);
  });

  it('should drop the oldest lines beyond the cap', () => {
    // Arrange
    const held = [1, 2, 3, 4];

    // Act
    const kept = appendCapped(held, [5, 6], 5);

    // Assert
    expect(kept).toEqual([2, 3, 4, 5, 6]);
    expect(held).toEqual([1, 2, 3, 4]);
  });

  it('should keep only the newest of a burst larger than the cap', () => {
    expect(appendCapped([1, 2], [3, 4, 5, 6, 7], 3)).toEqual([5, 6, 7]);
    expect(appendCapped([1], [2], 5)).toEqual([1, 2]);
  });

  it('should accept a log event only when it has a LogLine shape', () => {
    expect(toLogLine(logLine())).toEqual(logLine());
    expect(toLogLine({ ...logLine(), correlationId: undefined })).toEqual(logLine({ correlationId: null }));
    expect(toLogLine({ ...logLine(), at: '2024-01-01' })).toBeUndefined();
    expect(toLogLine('line')).toBeUndefined();
  });

  it('should see a box within a few pixels of its end as scrolled to the end', () => {
    expect(isScrolledToEnd({ scrollTop: 790.5, scrollHeight: 1200, clientHeight: 400 })).toBe(true);
    expect(isScrolledToEnd({ scrollTop: 500, scrollHeight: 1200, clientHeight: 400 })).toBe(false);
    expect(isScrolledToEnd({ scrollTop: 0, scrollHeight: 300, clientHeight: 400 })).toBe(true);
  });
});
