import type { StreamState } from '../hooks/use-event-source';

interface Props {
  readonly state: StreamState;
  /** What the stream carries, for the announcement: "Overview", "Logs". */
  readonly subject: string;
  readonly problem?: string | undefined;
}

const LABELS: Readonly<Record<StreamState, string>> = {
  connecting: 'Connecting…',
  live: 'Live',
  disconnected: 'Disconnected',
};

/**
 * Whether a view's server-sent stream is flowing. Only the state is announced (politely, when it
 * changes); the problem text, which may count seconds, is shown but kept out of the live region,
 * or a screen reader would read it every second.
 */
export function LiveIndicator({ state, subject, problem }: Props) {
  return (
    <span class={`live-indicator live-${state}`} data-testid="live-indicator">
      <span class="live-dot" aria-hidden="true" />
      <output aria-live="polite">
        <span class="visually-hidden">{subject}: </span>
        {LABELS[state]}
      </output>
      {state !== 'live' && problem !== undefined ? <span class="live-problem"> — {problem}</span> : null}
    </span>
  );
}
