import { useId, useState } from 'preact/hooks';
import type { ReplayResult } from '../../../api-types';
import { BusyButton } from '../../components/busy-button';
import { OperationReport } from '../../components/operation-report';
import { useOperation } from '../../hooks/use-operation';
import { formatDateTime } from '../../lib/format';
import {
  buildReplayRequest,
  defaultReplayWindow,
  type ReplayFormField,
  type ReplayFormValues,
} from '../../lib/replay-request';

/** Replays the stack's event archive over a time window, optionally narrowed by a pattern. */
export function ReplayForm() {
  const ids = { from: useId(), to: useId(), pattern: useId() };
  const [values, setValues] = useState<ReplayFormValues>(() => ({
    ...defaultReplayWindow(new Date()),
    pattern: '',
  }));
  const [problems, setProblems] = useState<ReadonlyArray<{ field: ReplayFormField; message: string }>>([]);
  // Until the window is edited, a replay covers the last hour up to the moment it is asked for.
  const [windowEdited, setWindowEdited] = useState(false);
  const replay = useOperation<ReplayResult>();
  const set = (field: ReplayFormField) => (event: { currentTarget: { value: string } }) => {
    const { value } = event.currentTarget;
    if (field !== 'pattern') setWindowEdited(true);
    setValues((previous) => ({ ...previous, [field]: value }));
  };
  const problemOf = (field: ReplayFormField) => problems.find((problem) => problem.field === field)?.message;

  const submit = async () => {
    const now = new Date();
    if (!windowEdited) setValues((previous) => ({ ...previous, ...defaultReplayWindow(now) }));
    const built = buildReplayRequest(values, now, !windowEdited);
    if (!built.ok) {
      setProblems(built.problems);
      return;
    }
    setProblems([]);
    await replay.start('/api/replays', built.request);
  };

  const field = (name: ReplayFormField) => {
    const problem = problemOf(name);
    return {
      id: ids[name],
      'aria-invalid': problem !== undefined,
      ...(problem === undefined ? {} : { 'aria-describedby': `${ids[name]}-problem` }),
    };
  };
  const problemText = (name: ReplayFormField) => {
    const problem = problemOf(name);
    return problem === undefined ? null : (
      <p class="field-problem" id={`${ids[name]}-problem`}>
        {problem}
      </p>
    );
  };

  return (
    <section class="panel" aria-labelledby="replay-heading">
      <h2 id="replay-heading">Replay archived events</h2>
      <p class="muted">Times are in this browser's time zone.</p>
      <form
        class="stacked-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div class="form-row">
          <div class="field">
            <label for={ids.from}>From</label>
            <input
              {...field('from')}
              class="input"
              type="datetime-local"
              value={values.from}
              onInput={set('from')}
            />
            {problemText('from')}
          </div>
          <div class="field">
            <label for={ids.to}>To</label>
            <input
              {...field('to')}
              class="input"
              type="datetime-local"
              value={values.to}
              onInput={set('to')}
            />
            {problemText('to')}
          </div>
        </div>
        <div class="field">
          <label for={ids.pattern}>Event pattern (JSON, optional)</label>
          <textarea
            {...field('pattern')}
            class="input code-editor"
            rows={4}
            spellcheck={false}
            placeholder='{ "detail-type": ["order.placed"] }'
            value={values.pattern}
            onInput={set('pattern')}
          />
          {problemText('pattern')}
        </div>
        <div class="button-row">
          <BusyButton type="submit" class="button button-primary" busy={replay.running}>
            {replay.running ? 'Replaying…' : 'Replay'}
          </BusyButton>
        </div>
      </form>
      <OperationReport
        operation={replay}
        name="Replay"
        testId="replay-report"
        succeeded={(result) => result.state === 'COMPLETED'}
        describeResult={(result) => <ReplayOutcome result={result} />}
      />
    </section>
  );
}

function ReplayOutcome({ result }: { readonly result: ReplayResult }) {
  return (
    <span class={result.state === 'COMPLETED' ? undefined : 'error-text'}>
      <strong>Replay {result.state.toLowerCase()}:</strong> <code>{result.replayName}</code> from archive{' '}
      <code>{result.archiveName}</code>, {formatDateTime(result.from)} to {formatDateTime(result.to)}.
      {result.stateReason === undefined ? null : ` ${result.stateReason}`}
    </span>
  );
}
