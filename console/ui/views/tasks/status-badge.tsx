const TONES: Readonly<Record<string, string>> = {
  SUCCEEDED: 'success',
  COMPLETED: 'success',
  PROCESSED: 'success',
  FAILED: 'failure',
  REJECTED: 'failure',
  CANCELLED: 'failure',
  RETRYING: 'warning',
  REDRIVEN: 'warning',
};

/** A status word, coloured by what it means; the word itself carries the meaning. */
export function StatusBadge({ status, testId }: { readonly status: string; readonly testId?: string }) {
  const tone = TONES[status.toUpperCase()] ?? 'neutral';
  return (
    <span class={`badge badge-${tone}`} {...(testId === undefined ? {} : { 'data-testid': testId })}>
      {status}
    </span>
  );
}
