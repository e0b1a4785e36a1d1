import { IdForm } from '../../components/id-form';
import { Page } from '../../components/page';
import { navigate } from '../../hooks/use-route';
import { flowHref } from '../../lib/router';
import { FlowTimelinePanel } from './flow-timeline-panel';

/** A request's story end to end, by its correlation id. */
export function FlowsView({ correlationId }: { readonly correlationId: string | undefined }) {
  return (
    <Page title="Flows">
      <IdForm
        title="Find a flow"
        label="Correlation id"
        submitLabel="Open flow"
        current={correlationId}
        onSubmit={(id) => navigate(flowHref(id))}
      />
      {correlationId === undefined ? (
        <p class="muted">
          Enter a correlation id: a task's, a published event's, or one from a log line (the{' '}
          <code>X-Correlation-Id</code> of an API answer).
        </p>
      ) : (
        <FlowTimelinePanel key={correlationId} correlationId={correlationId} />
      )}
    </Page>
  );
}
