import { formatAge, formatDuration, formatJson, formatRate } from '../../../../console/ui/lib/format';

describe('console formatting', () => {
  it.each([
    [null, '—'],
    [0, '0 s'],
    [59.4, '59 s'],
    [125, '2 min 5 s'],
    [7260, '2 h 1 min'],
    [90_000, '1 d 1 h'],
  ])('should show an age of %p seconds as %p', (seconds, text) => {
    expect(formatAge(seconds)).toBe(text);
  });

  it('should show durations in ms below a second and in seconds above', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(1234)).toBe('1.23 s');
  });

  it('should show rates without trailing zeros', () => {
    expect(formatRate(0)).toBe('0/s');
    expect(formatRate(1.5)).toBe('1.5/s');
    expect(formatRate(0.025)).toBe('0.025/s');
    expect(formatRate(42.4)).toBe('42/s');
    expect(formatRate(null)).toBe('—');
  });

  it('should indent JSON and keep a string body as written', () => {
    expect(formatJson({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(formatJson('plain text')).toBe('plain text');
  });
});
