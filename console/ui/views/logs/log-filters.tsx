import { useEffect, useId, useState } from 'preact/hooks';
import { useConfig } from '../../hooks/config-context';
import type { LogFilter } from '../../lib/log-lines';

interface Props {
  readonly filter: LogFilter;
  readonly onChange: (filter: LogFilter) => void;
  readonly onClear: () => void;
}

/** Waits for typing to pause before reconnecting with a new correlation id. */
const TYPING_PAUSE_MS = 500;

/** The stream's filters: function and minimum level from the configuration, and a correlation id. */
export function LogFilters({ filter, onChange, onClear }: Props) {
  const { functions, logLevels } = useConfig();
  const ids = { fn: useId(), level: useId(), correlationId: useId() };
  const [correlationId, setCorrelationId] = useState(filter.correlationId);
  useEffect(() => {
    if (correlationId.trim() === filter.correlationId) return undefined;
    const timer = setTimeout(
      () => onChange({ ...filter, correlationId: correlationId.trim() }),
      TYPING_PAUSE_MS,
    );
    return () => clearTimeout(timer);
  }, [correlationId, filter, onChange]);
  return (
    <form
      class="toolbar filters"
      aria-label="Log filters"
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ ...filter, correlationId: correlationId.trim() });
      }}
    >
      <label for={ids.fn}>Function</label>
      <select
        id={ids.fn}
        class="input"
        value={filter.function}
        onChange={(event) => onChange({ ...filter, function: event.currentTarget.value })}
      >
        <option value="">All functions</option>
        {functions.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <label for={ids.level}>Minimum level</label>
      <select
        id={ids.level}
        class="input"
        value={filter.level}
        onChange={(event) => onChange({ ...filter, level: event.currentTarget.value })}
      >
        <option value="">Any level</option>
        {logLevels.map((level) => (
          <option key={level} value={level}>
            {level}
          </option>
        ))}
      </select>
      <label for={ids.correlationId}>Correlation id</label>
      <input
        id={ids.correlationId}
        class="input input-id"
        type="search"
        spellcheck={false}
        autocomplete="off"
        value={correlationId}
        onInput={(event) => setCorrelationId(event.currentTarget.value)}
      />
      <button type="button" class="button" onClick={onClear}>
        Clear lines
      </button>
    </form>
  );
}
