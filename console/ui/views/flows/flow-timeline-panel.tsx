import type { FlowTimeline } from '../../../api-types';
import { segment } from '../../api/http';
import { ErrorMessage } from '../../components/error-message';
import { useApiGet } from '../../hooks/use-api-get';
import { describeFlowEntry } from '../../lib/flow-entry';
import { formatClock, formatDateTime } from '../../lib/format';
import { taskHref } from '../../lib/router';

const KIND_LABELS: Readonly<Record<string, string>> = {
  TASK: 'Task',
  EVENT_PUBLISHED: 'Published',
  EVENT_CONSUMED: 'Consumed',
};

/** The flow's timeline, oldest first: each task state change, event published and consumption. */
export function FlowTimelinePanel({ correlationId }: { readonly correlationId: string }) {
  const { data, error, loading, reload } = useApiGet<FlowTimeline>(`/api/flows/${segment(correlationId)}`);
  return (
    <section class="panel" aria-labelledby="flow-heading" data-testid="flow">
      <div class="panel-header">
        <h2 id="flow-heading">
          Flow <code>{correlationId}</code>
        </h2>
        <button type="button" class="button" onClick={reload} disabled={loading}>
          Refresh flow
        </button>
      </div>
      <ErrorMessage action="Could not load the flow" error={error} />
      {loading && data === undefined ? <p class="muted">Loading…</p> : null}
      {data === undefined ? null : (
        <ol class="timeline" aria-labelledby="flow-heading">
          {data.timeline.map((entry, index) => {
            const view = describeFlowEntry(entry);
            return (
              // The timeline is the server's ordered list; an entry's position is its identity.
              <li key={index} class={`timeline-entry tone-${view.tone}`} data-kind={entry.kind}>
                <time class="timeline-time" dateTime={entry.at} title={formatDateTime(entry.at)}>
                  {formatClock(entry.at)}
                </time>
                <span class={`timeline-kind kind-${entry.kind.toLowerCase()}`}>
                  {KIND_LABELS[entry.kind] ?? entry.kind}
                </span>
                <span class="timeline-what">
                  {view.what}
                  {view.taskId === undefined ? null : (
                    <>
                      {' '}
                      <a href={taskHref(view.taskId)}>
                        <code>{view.taskId}</code>
                      </a>
                    </>
                  )}
                </span>
                <span class="timeline-detail">{view.detail}</span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
