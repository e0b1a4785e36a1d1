import { formatJson } from '../lib/format';

interface Props {
  readonly value: unknown;
  readonly label?: string;
}

/** A JSON value, indented and scrollable. */
export function JsonBlock({ value, label }: Props) {
  return (
    <pre class="json-block" {...(label === undefined ? {} : { 'aria-label': label })}>
      {formatJson(value)}
    </pre>
  );
}
