import {
  buildReplayRequest,
  defaultReplayWindow,
  toDateTimeLocal,
} from '../../../../console/ui/lib/replay-request';

describe('replay form', () => {
  it('should default to the last hour, to the minute, in local time', () => {
    // Arrange
    const now = new Date(2025, 2, 9, 14, 5, 59);

    // Act
    const window = defaultReplayWindow(now);

    // Assert
    expect(window).toEqual({ from: '2025-03-09T13:05', to: '2025-03-09T14:05' });
  });

  it('should send local times as ISO instants', () => {
    // Arrange
    const from = new Date(2025, 0, 2, 3, 4);
    const to = new Date(2025, 0, 2, 4, 4);

    // Act
    const built = buildReplayRequest({ from: toDateTimeLocal(from), to: toDateTimeLocal(to), pattern: '' });

    // Assert
    expect(built).toEqual({ ok: true, request: { from: from.toISOString(), to: to.toISOString() } });
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
});
