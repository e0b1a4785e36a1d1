import { UsageError } from '../../../cli/errors';
import { parseTimeOption } from '../../../cli/time-option';

const NOW = Date.parse('2026-11-29T16:00:00Z');
const HOUR = 3_600_000;

describe('parseTimeOption', () => {
  it.each([
    ['now', NOW],
    ['now-2h', NOW - 2 * HOUR],
    ['now-30m', NOW - 30 * 60_000],
    ['now-7d', NOW - 7 * 24 * HOUR],
    ['now-45s', NOW - 45_000],
    ['2h', NOW - 2 * HOUR],
    ['30m', NOW - 30 * 60_000],
    ['7d', NOW - 7 * 24 * HOUR],
    ['45s', NOW - 45_000],
    [' 2h ', NOW - 2 * HOUR],
  ])('should read the relative time %j as that long before now', (raw, expected) => {
    // Act
    const at = parseTimeOption('from', raw, NOW);

    // Assert
    expect(at.getTime()).toBe(expected);
  });

  it.each([
    ['2026-11-29T10:00:00Z', '2026-11-29T10:00:00.000Z'],
    ['2026-11-29T10:00Z', '2026-11-29T10:00:00.000Z'],
    ['2026-11-29T10:00:00.25Z', '2026-11-29T10:00:00.250Z'],
    ['2026-11-29T11:00:00+01:00', '2026-11-29T10:00:00.000Z'],
    ['2026-11-29T05:30:00-04:30', '2026-11-29T10:00:00.000Z'],
    ['2026-11-29T11:00:00+0100', '2026-11-29T10:00:00.000Z'],
    ['2026-11-29t10:00:00z', '2026-11-29T10:00:00.000Z'],
  ])('should read the ISO 8601 time %j with its offset', (raw, expected) => {
    // Act
    const at = parseTimeOption('from', raw, NOW);

    // Assert
    expect(at.toISOString()).toBe(expected);
  });

  it.each([
    ['2026-11-29T10:00:00', 'add Z or an offset such as +01:00: --from 2026-11-29T10:00:00Z'],
    ['2026-11-29T10:00', 'add Z or an offset such as +01:00: --from 2026-11-29T10:00Z'],
    ['2026-11-29', 'add Z or an offset such as +01:00: --from 2026-11-29T00:00:00Z'],
  ])('should refuse %j, which has no offset, as ambiguous and name the fix', (raw, next) => {
    // Act
    const parse = () => parseTimeOption('from', raw, NOW);

    // Assert
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(`--from ${raw} has no UTC offset, so it is ambiguous`);
    expect(caught(parse).next).toBe(next);
  });

  it.each([
    ['yesterday', 'is not a time'],
    ['', 'is not a time'],
    ['now+2h', 'is not a time'],
    ['-2h', 'is not a time'],
    ['2w', 'is not a time'],
    ['1796000000', 'is not a time'],
    ['2026-11-29T10:00:00+01', 'is not a time'],
    ['2026-02-30T10:00:00Z', 'is not a valid time'],
    ['2026-13-01T10:00:00Z', 'is not a valid time'],
    ['2026-11-29T24:00:00Z', 'is not a valid time'],
    ['2026-11-29T10:60:00Z', 'is not a valid time'],
    ['2026-11-29T10:00:00+24:00', 'is not a valid time'],
  ])('should refuse %j with the forms it accepts', (raw, problem) => {
    // Act
    const parse = () => parseTimeOption('to', raw, NOW);

    // Assert
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(`--to ${problem} (given ${raw})`);
    expect(caught(parse).next).toMatch(/--to 2026-11-29T15:00:00Z[\s\S]*--to 2h \(or now-2h, now\)/);
  });
});

function caught(action: () => unknown): UsageError {
  try {
    action();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
}
