import { NotFound } from './components/not-found';
import type { Route } from './lib/router';
import { DeadLettersView } from './views/dead-letters/dead-letters-view';
import { EventsView } from './views/events/events-view';
import { FlowsView } from './views/flows/flows-view';
import { LogsView } from './views/logs/logs-view';
import { OverviewView } from './views/overview/overview-view';
import { TasksView } from './views/tasks/tasks-view';

/** The view a route names. */
export function RouteView({ route }: { readonly route: Route }) {
  switch (route.view) {
    case 'overview':
      return <OverviewView />;
    case 'tasks':
      return <TasksView taskId={route.taskId} />;
    case 'flows':
      return <FlowsView correlationId={route.correlationId} />;
    case 'dead-letters':
      return <DeadLettersView />;
    case 'events':
      return <EventsView />;
    case 'logs':
      return <LogsView />;
    case 'not-found':
      return <NotFound path={route.path} />;
  }
}
