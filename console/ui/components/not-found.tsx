import { Page } from './page';

/** A hash that names no view (a hand-edited or outdated link). */
export function NotFound({ path }: { readonly path: string }) {
  return (
    <Page title="Not found">
      <p>
        Nothing lives at <code>#{path}</code>. Pick a view above, or go to the{' '}
        <a href="#/overview">overview</a>.
      </p>
    </Page>
  );
}
