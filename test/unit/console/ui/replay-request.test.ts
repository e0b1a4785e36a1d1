import { buildReplayRequest, defaultReplayWindow } from '../../../../console/ui/lib/replay-request';

describe('replay form', () => {
  it('should default to the last hour, to the minute, in local time', () => {
    // Arrange
    const now = new Date(2025, 2, 9, 14, 5, 59);

    // Act
    const window = defaultReplayWindow(now);

    // Assert
    expect(window).toEqual({ from: '2025-03-09T13:05', to: '2025-03-09T14:05' });
  });

  it('should send local times as ISO instants, in the browser time zone', () => {
    // Act (jest.config.js runs the tests in Europe/Paris: reading the input as UTC would fail)
    const built = buildReplayRequest({ from: '2025-01-02T03:04', to: '2025-07-02T04:04', pattern: '' });

    // Assert: UTC+1 in winter, UTC+2 in summer.
    expect(built).toEqual({
      ok: true,
      request: { from: '2025-01-02T02:04:00.000Z', to: '2025-07-02T02:04:00.000Z' },
    });
  });

  it('should include a pattern given as a JSON object', () => {
    // Act
    const built = buildReplayRequest({
      from: '2025-01-01T00:00',
      to: '2025-01-01T01:00',
      pattern: '{ "detail-type": ["order.placed"] }',
    });

    // Assert
    expect(built.ok && built.request.pattern).toEqual({ 'detail-type': ['order.placed'] });
  });

  it('should tie each problem to its field', () => {
    expect(buildReplayRequest({ from: '', to: '2025-01-01T01:00', pattern: '[1]' })).toEqual({
      ok: false,
      problems: [
        { field: 'from', message: 'Enter a start date and time' },
        { field: 'pattern', message: 'An event pattern is a JSON object' },
      ],
    });
    expect(buildReplayRequest({ from: '2025-01-01T02:00', to: '2025-01-01T01:00', pattern: '{' })).toEqual({
      ok: false,
      problems: [
        { field: 'to', message: 'The end must be after the start' },
        { field: 'pattern', message: expect.stringMatching(/^Not valid JSON/) },
      ],
    });
  });

  it('should cover the hour up to now exactly while the window is untouched', () => {
    const now = new Date('2025-03-09T14:05:59.500Z');

    const built = buildReplayRequest({ from: 'ignored', to: 'ignored', pattern: '' }, now, true);

    expect(built).toEqual({
      ok: true,
      request: { from: '2025-03-09T13:05:59.500Z', to: '2025-03-09T14:05:59.500Z' },
    });
  });

  it('should refuse an end in the future, but take the current minute', () => {
    const now = new Date('2025-01-02T02:04:30.000Z');

    const future = buildReplayRequest({ from: '2025-01-02T02:00', to: '2025-01-02T04:00', pattern: '' }, now);
    const currentMinute = buildReplayRequest(
      { from: '2025-01-02T02:00', to: '2025-01-02T03:04', pattern: '' },
      now,
    );

    expect(future).toEqual({
      ok: false,
      problems: [{ field: 'to', message: 'The end cannot be in the future' }],
    });
    expect(currentMinute.ok).toBe(true);
  });
});
