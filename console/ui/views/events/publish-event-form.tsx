import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { EventTypeList, PublishResult } from '../../../api-types';
import { postJson } from '../../api/http';
import { BusyButton } from '../../components/busy-button';
import { ErrorMessage } from '../../components/error-message';
import { useApiGet } from '../../hooks/use-api-get';
import { type ApiError, toApiError } from '../../lib/api-error';
import { checkAgainstSchema, parseJsonText, type SchemaProblem } from '../../lib/schema-check';
import { skeletonFromSchema } from '../../lib/schema-skeleton';
import { PublishOutcome } from './publish-outcome';
import { SchemaProblems } from './schema-problems';

const DEFAULT_SOURCE = 'com.switchyard.console';

type EventTypeEntry = EventTypeList['types'][number];

const example = (type: EventTypeEntry | undefined): string =>
  type === undefined ? '' : JSON.stringify(skeletonFromSchema(type.dataSchema), null, 2);

/**
 * Publishes one event through the stack's own API. The data is checked against the type's
 * schema as it is typed (the example's blanks show up as the fields to fill in), and a publish
 * with problems is not sent: the focus goes to the editor, which names them (`aria-describedby`),
 * so the operator sees them beside it instead of a 400 later.
 */
export function PublishEventForm() {
  const ids = { type: useId(), source: useId(), data: useId(), problems: useId() };
  const types = useApiGet<EventTypeList>('/api/event-types');
  const [typeName, setTypeName] = useState('');
  const [source, setSource] = useState(DEFAULT_SOURCE);
  const [dataText, setDataText] = useState('');
  const dataEditor = useRef<HTMLTextAreaElement>(null);
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<PublishResult | undefined>(undefined);
  const [failure, setFailure] = useState<ApiError | undefined>(undefined);

  const available = types.data?.types ?? [];
  const selected = available.find((type) => type.name === typeName);

  // The first type is preselected once the list arrives, with its example.
  useEffect(() => {
    const first = types.data?.types[0];
    if (typeName === '' && first !== undefined) {
      setTypeName(first.name);
      setDataText(example(first));
    }
  }, [types.data, typeName]);

  const problems: SchemaProblem[] = useMemo(() => {
    const parsed = parseJsonText(dataText);
    if (!parsed.ok) return [{ path: 'data', message: parsed.message }];
    return selected === undefined ? [] : checkAgainstSchema(selected.dataSchema, parsed.value);
  }, [dataText, selected]);

  const chooseType = (name: string) => {
    setTypeName(name);
    setDataText(example(available.find((type) => type.name === name)));
  };

  const publish = async () => {
    setResult(undefined);
    setFailure(undefined);
    const parsed = parseJsonText(dataText);
    if (selected === undefined) return;
    if (!parsed.ok || problems.length > 0) {
      dataEditor.current?.focus();
      return;
    }
    setSending(true);
    try {
      setResult(
        await postJson<PublishResult>('/api/events', { type: selected.name, source, data: parsed.value }),
      );
    } catch (error) {
      setFailure(toApiError(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <section class="panel" aria-labelledby="publish-heading">
      <h2 id="publish-heading">Publish a test event</h2>
      <ErrorMessage action="Could not load the event types" error={types.error} />
      <form
        class="stacked-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void publish();
        }}
      >
        <div class="form-row">
          <div class="field">
            <label for={ids.type}>Event type</label>
            <select
              id={ids.type}
              class="input"
              value={typeName}
              onChange={(event) => chooseType(event.currentTarget.value)}
            >
              {available.length === 0 ? (
                <option value="">{types.loading ? 'Loading…' : 'No types'}</option>
              ) : null}
              {available.map((type) => (
                <option key={type.name} value={type.name}>
                  {type.name}
                </option>
              ))}
            </select>
            {selected === undefined ? null : <p class="field-hint">{selected.description}</p>}
          </div>
          <div class="field">
            <label for={ids.source}>Source</label>
            <input
              id={ids.source}
              class="input"
              type="text"
              spellcheck={false}
              value={source}
              onInput={(event) => setSource(event.currentTarget.value)}
            />
          </div>
        </div>
        <div class="editor-row">
          <div class="field field-grow">
            <label for={ids.data}>Data (JSON)</label>
            <textarea
              ref={dataEditor}
              id={ids.data}
              class="input code-editor"
              rows={14}
              spellcheck={false}
              value={dataText}
              aria-invalid={problems.length > 0}
              aria-describedby={ids.problems}
              onInput={(event) => setDataText(event.currentTarget.value)}
            />
          </div>
          <SchemaProblems id={ids.problems} problems={problems} checked={selected !== undefined} />
        </div>
        <div class="button-row">
          <BusyButton
            type="submit"
            class="button button-primary"
            busy={sending}
            disabled={selected === undefined}
          >
            {sending ? 'Publishing…' : 'Publish'}
          </BusyButton>
          <button
            type="button"
            class="button"
            disabled={selected === undefined}
            onClick={() => setDataText(example(selected))}
          >
            Reset to example
          </button>
        </div>
      </form>
      <output class="operation-outcome" aria-live="polite" data-testid="publish-outcome">
        {result === undefined ? null : <PublishOutcome result={result} />}
      </output>
      <ErrorMessage action="Could not publish the event" error={failure} />
    </section>
  );
}
