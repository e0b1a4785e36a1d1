import { useId, useState } from 'preact/hooks';
import type { DeadLetterPeek, RedriveResult } from '../../../api-types';
import { segment } from '../../api/http';
import { BusyButton } from '../../components/busy-button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorMessage } from '../../components/error-message';
import { OperationReport } from '../../components/operation-report';
import { useApiGet } from '../../hooks/use-api-get';
import { useOperation } from '../../hooks/use-operation';
import { formatCount } from '../../lib/format';
import { DeadLetterMessages } from './dead-letter-messages';

const PEEK_MAX = 10;

interface Props {
  readonly channel: string;
  readonly kind: string;
}

/** One channel's dead-letter queue: a peek at its messages and the redrive back to the channel. */
export function DeadLetterChannel({ channel, kind }: Props) {
  const headingId = useId();
  const peek = useApiGet<DeadLetterPeek>(`/api/dead-letters/${segment(channel)}?max=${PEEK_MAX}`);
  const redrive = useOperation<RedriveResult>();
  const [confirming, setConfirming] = useState(false);
  const depth = peek.data?.approximateDepth;

  const startRedrive = async () => {
    setConfirming(false);
    await redrive.start(`/api/dead-letters/${segment(channel)}/redrive`);
    // Whatever the outcome, the queue may have changed.
    peek.reload();
  };

  return (
    <section
      class="panel"
      aria-labelledby={headingId}
      data-channel={channel}
      data-testid="dead-letter-channel"
    >
      <div class="panel-header">
        <div class="heading-group">
          <h2 id={headingId}>{channel}</h2>
          <span class="muted">{kind} channel</span>
        </div>
        <div class="toolbar">
          <span class="muted" data-testid="dlq-depth">
            {depth === undefined ? '' : `About ${formatCount(depth)} message${depth === 1 ? '' : 's'}`}
          </span>
          <BusyButton type="button" class="button" onClick={peek.reload} busy={peek.loading}>
            Refresh
          </BusyButton>
          <button
            type="button"
            class="button button-danger"
            onClick={() => setConfirming(true)}
            disabled={redrive.running}
            aria-label={`Redrive ${channel}`}
          >
            Redrive
          </button>
        </div>
      </div>
      <ErrorMessage action={`Could not peek at ${channel}'s dead-letter queue`} error={peek.error} />
      {peek.loading && peek.data === undefined ? <p class="muted">Loading…</p> : null}
      {peek.data === undefined ? null : <DeadLetterMessages peek={peek.data} />}
      <OperationReport
        operation={redrive}
        name="Redrive"
        testId="redrive-report"
        succeeded={(result) => result.status === 'COMPLETED' || result.status === 'EMPTY'}
        describeResult={(result) => <RedriveOutcome result={result} />}
      />
      <ConfirmDialog
        open={confirming}
        title={`Redrive ${channel}?`}
        confirmLabel="Confirm redrive"
        onConfirm={startRedrive}
        onCancel={() => setConfirming(false)}
      >
        <p>
          Every message in <strong>{channel}</strong>'s dead-letter queue
          {depth === undefined ? '' : ` (about ${formatCount(depth)})`} goes back to the channel and is
          processed again. This cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}

function RedriveOutcome({ result }: { readonly result: RedriveResult }) {
  const succeeded = result.status === 'COMPLETED' || result.status === 'EMPTY';
  return (
    <span class={succeeded ? undefined : 'error-text'}>
      <strong>Redrive {result.status.toLowerCase()}:</strong> moved {formatCount(result.moved)} of{' '}
      {formatCount(result.toMove)} message{result.toMove === 1 ? '' : 's'} back to {result.channel}.
      {result.failureReason === undefined ? null : ` ${result.failureReason}`}
    </span>
  );
}
