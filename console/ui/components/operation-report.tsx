import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Operation } from '../hooks/use-operation';

interface Props<Result> {
  readonly operation: Omit<Operation<Result>, 'start'>;
  /** What the operation is, for the headings: "Redrive", "Replay". */
  readonly name: string;
  /** How a result reads. */
  readonly describeResult: (result: Result) => ComponentChildren;
  /**
   * Whether the result is a success: a redrive or a replay can end FAILED or CANCELLED, which
   * is a result (the operation ran to its end), not a success.
   */
  readonly succeeded: (result: Result) => boolean;
  readonly testId: string;
}

/**
 * A long operation's progress lines as they stream, then its outcome. The outcome region is
 * live, so the end is announced; the progress list is not, to avoid a flood of announcements.
 */
export function OperationReport<Result>({
  operation,
  name,
  describeResult,
  succeeded,
  testId,
}: Props<Result>) {
  const { running, progress, end } = operation;
  // The report takes the keyboard focus when the operation starts, so its progress and outcome
  // are read from there; the Redrive button, disabled meanwhile, would drop it to the page.
  const report = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (running) report.current?.focus();
  }, [running]);
  return (
    <div class="operation-report" data-testid={testId} ref={report} tabIndex={-1}>
      {progress.length > 0 ? (
        <ol class="operation-progress" aria-label={`${name} progress`}>
          {progress.map((message, index) => (
            // Progress lines only ever append, so their position is a stable key.
            <li key={index}>{message}</li>
          ))}
        </ol>
      ) : null}
      <output class="operation-outcome" aria-live="polite" data-testid={`${testId}-outcome`}>
        {running ? <span class="muted">{name} running…</span> : null}
        {end?.kind === 'result' ? (
          <div class={`notice ${succeeded(end.result) ? 'notice-success' : 'notice-error'}`}>
            {describeResult(end.result)}
          </div>
        ) : null}
        {end?.kind === 'error' ? (
          <div class="notice notice-error">
            <strong>{name} failed.</strong> {end.message} <code class="error-code">{end.code}</code>
          </div>
        ) : null}
      </output>
    </div>
  );
}
