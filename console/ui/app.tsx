import { useEffect, useState } from 'preact/hooks';
import type { ConsoleConfig } from '../api-types';
import { onSignInRequired } from './api/sign-in';
import { ErrorMessage } from './components/error-message';
import { NavBar } from './components/nav-bar';
import { SignInRequired } from './components/sign-in-required';
import { ViewBoundary } from './components/view-boundary';
import { ConfigContext } from './hooks/config-context';
import { useApiGet } from './hooks/use-api-get';
import { useRoute } from './hooks/use-route';
import { RouteView } from './route-view';

/**
 * The console: the stack's configuration is loaded first (every view lists what it names), then
 * the view the location hash names. A refused session anywhere replaces it all with the sign-in
 * page, since nothing else can work until then.
 */
export function App() {
  const route = useRoute();
  const [signInRequired, setSignInRequired] = useState(false);
  useEffect(() => onSignInRequired(() => setSignInRequired(true)), []);
  const config = useApiGet<ConsoleConfig>('/api/config');

  if (signInRequired || config.error?.needsSignIn) return <SignInRequired />;
  if (config.data === undefined) {
    return (
      <main id="main" class="standalone" tabIndex={-1}>
        <div class="standalone-card">
          <h1>Switchyard console</h1>
          {config.error === undefined ? (
            <p class="muted">Loading the stack's configuration…</p>
          ) : (
            <>
              <ErrorMessage action="Could not load the stack's configuration" error={config.error} />
              <button type="button" class="button button-primary" onClick={config.reload}>
                Try again
              </button>
            </>
          )}
        </div>
      </main>
    );
  }
  return (
    <ConfigContext.Provider value={config.data}>
      <NavBar route={route} config={config.data} />
      <main id="main" class="content" tabIndex={-1}>
        {/* Keyed by view: a failed view starts afresh once the user moves to another. */}
        <ViewBoundary key={route.view}>
          <RouteView route={route} />
        </ViewBoundary>
      </main>
    </ConfigContext.Provider>
  );
}
