import type { ComponentChildren } from 'preact';
import { useErrorBoundary } from 'preact/hooks';

interface Props {
  readonly children: ComponentChildren;
}

/**
 * Keeps one view's failure to that view: the pages trust the server's answers rather than
 * check them again, so an answer of an unexpected shape could otherwise blank the whole console.
 */
export function ViewBoundary({ children }: Props) {
  const [error, reset] = useErrorBoundary();
  if (error === undefined) return <>{children}</>;
  return (
    <div class="notice notice-error" role="alert">
      <p>
        <strong>This view could not be shown.</strong>{' '}
        {error instanceof Error ? error.message : String(error)}
      </p>
      <button type="button" class="button" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
