import type { ApiError } from '../lib/api-error';

interface Props {
  /** What failed, e.g. "Could not load the task". */
  readonly action: string;
  readonly error: Pick<ApiError, 'code' | 'message'> | undefined;
}

/** A failed call's reason, shown where the operator acted and announced to assistive technology. */
export function ErrorMessage({ action, error }: Props) {
  if (error === undefined) return null;
  return (
    <div class="notice notice-error" role="alert">
      <strong>{action}.</strong> {error.message} <code class="error-code">{error.code}</code>
    </div>
  );
}
