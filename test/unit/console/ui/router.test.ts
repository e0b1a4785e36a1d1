import { flowHref, parseRoute, routeHref, taskHref } from '../../../../console/ui/lib/router';

describe('console routes', () => {
  it.each([
    ['', { view: 'overview' }],
    ['#', { view: 'overview' }],
    ['#/', { view: 'overview' }],
    ['#/overview', { view: 'overview' }],
    ['#/tasks', { view: 'tasks' }],
    ['#/tasks/', { view: 'tasks' }],
    ['#/tasks/abc-123', { view: 'tasks', taskId: 'abc-123' }],
    ['#/flows/corr%3A1', { view: 'flows', correlationId: 'corr:1' }],
    ['#/dead-letters', { view: 'dead-letters' }],
    ['#/events', { view: 'events' }],
    ['#/logs?level=WARN', { view: 'logs' }],
  ])('should read %j as its view', (hash, expected) => {
    // Act
    const route = parseRoute(hash);

    // Assert
    expect(route).toEqual(expected);
  });

  it.each(['#/nowhere', '#/logs/extra', '#/tasks/a/b', '#/tasks/%E0%A4%A'])(
    'should not take %j for a view',
    (hash) => {
      expect(parseRoute(hash).view).toBe('not-found');
    },
  );

  it('should round-trip an id with characters that have a meaning in a URL', () => {
    // Arrange
    const taskId = 'a/b?c#d %e';

    // Act
    const route = parseRoute(taskHref(taskId));

    // Assert
    expect(route).toEqual({ view: 'tasks', taskId });
  });

  it('should link a flow and a view landing page', () => {
    expect(flowHref('c-1')).toBe('#/flows/c-1');
    expect(routeHref({ view: 'dead-letters' })).toBe('#/dead-letters');
    expect(routeHref({ view: 'tasks' })).toBe('#/tasks');
  });
});
