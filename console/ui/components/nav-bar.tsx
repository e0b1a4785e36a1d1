import type { ConsoleConfig } from '../../api-types';
import { type Route, type ViewName, viewHref } from '../lib/router';

const VIEWS: ReadonlyArray<{ readonly view: ViewName; readonly label: string }> = [
  { view: 'overview', label: 'Overview' },
  { view: 'tasks', label: 'Tasks' },
  { view: 'flows', label: 'Flows' },
  { view: 'dead-letters', label: 'Dead letters' },
  { view: 'events', label: 'Events' },
  { view: 'logs', label: 'Logs' },
];

interface Props {
  readonly route: Route;
  readonly config: ConsoleConfig;
}

/** A skip link's job without an `href`: a fragment would be taken for a route. */
const skipToContent = () => document.getElementById('main')?.focus();

/** The console's header: which stack this is, and a link per view (the current one marked). */
export function NavBar({ route, config }: Props) {
  return (
    <header class="top-bar">
      <button type="button" class="skip-link" onClick={skipToContent}>
        Skip to content
      </button>
      <div class="brand">
        <span class="brand-name">Switchyard console</span>
        <span class="brand-stack" title={`Stack ${config.stackName} in ${config.region}`}>
          {config.stackName} · {config.region}
        </span>
      </div>
      <nav aria-label="Views">
        <ul class="nav-list">
          {VIEWS.map(({ view, label }) => (
            <li key={view}>
              <a
                class="nav-link"
                href={viewHref(view)}
                {...(route.view === view ? { 'aria-current': 'page' } : {})}
              >
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
