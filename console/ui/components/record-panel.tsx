import type { ComponentChildren } from 'preact';
import { useApiGet } from '../hooks/use-api-get';
import { BusyButton } from './busy-button';
import { ErrorMessage } from './error-message';

interface Props<T> {
  /** What the record is, capitalised as it starts the heading: "Task", "Flow". */
  readonly noun: string;
  /** The record's id, shown in the heading. */
  readonly id: string;
  /** Where the record is read, e.g. `/api/tasks/t-1`. */
  readonly path: string;
  readonly headingId: string;
  readonly testId: string;
  /** The record, once it has been read. */
  readonly children: (record: T) => ComponentChildren;
}

/**
 * One record looked up by its id: the heading names it, Refresh reads it again, and a failure
 * or the first read is said in place; the record stays on screen while a refresh runs.
 */
export function RecordPanel<T>({ noun, id, path, headingId, testId, children }: Props<T>) {
  const { data, error, loading, reload } = useApiGet<T>(path);
  const what = noun.toLowerCase();
  return (
    <section class="panel" aria-labelledby={headingId} data-testid={testId}>
      <div class="panel-header">
        <h2 id={headingId}>
          {noun} <code>{id}</code>
        </h2>
        <BusyButton type="button" class="button" onClick={reload} busy={loading}>
          {`Refresh ${what}`}
        </BusyButton>
      </div>
      <ErrorMessage action={`Could not load the ${what}`} error={error} />
      {loading && data === undefined ? <p class="muted">Loading…</p> : null}
      {data === undefined ? null : children(data)}
    </section>
  );
}
