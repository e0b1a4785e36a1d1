import type { FlowTimeline } from '../../../api-types';
import { segment } from '../../api/http';
import { RecordPanel } from '../../components/record-panel';
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
  return (
    <RecordPanel
      noun="Flow"
      id={correlationId}
      path={`/api/flows/${segment(correlationId)}`}
      headingId="flow-heading"
      testId="flow"
    >
      {(data: FlowTimeline) => (
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
    </RecordPanel>
  );
}
