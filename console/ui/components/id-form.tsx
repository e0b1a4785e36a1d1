import { useEffect, useId, useState } from 'preact/hooks';

interface Props {
  /** The search landmark's name, e.g. "Find a task". */
  readonly title: string;
  /** The input's label, e.g. "Task id". */
  readonly label: string;
  /** The submit button's text, e.g. "Search". */
  readonly submitLabel: string;
  /** The id currently shown, so the input reflects a link that was followed. */
  readonly current: string | undefined;
  readonly placeholder?: string;
  readonly onSubmit: (id: string) => void;
}

/** One labelled id input and its button: the way into a task or a flow by its id. */
export function IdForm({ title, label, submitLabel, current, placeholder, onSubmit }: Props) {
  const inputId = useId();
  const [value, setValue] = useState(current ?? '');
  useEffect(() => setValue(current ?? ''), [current]);
  return (
    <search class="panel" aria-label={title}>
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          const id = value.trim();
          if (id !== '') onSubmit(id);
        }}
      >
        <label for={inputId}>{label}</label>
        <input
          id={inputId}
          class="input input-id"
          type="text"
          required
          spellcheck={false}
          autocomplete="off"
          value={value}
          placeholder={placeholder}
          onInput={(event) => setValue(event.currentTarget.value)}
        />
        <button type="submit" class="button button-primary">
          {submitLabel}
        </button>
      </form>
    </search>
  );
}
