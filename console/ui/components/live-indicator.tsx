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

/** Whether a view's server-sent stream is flowing; a change is announced politely. */
export function LiveIndicator({ state, subject, problem }: Props) {
  return (
    <output class={`live-indicator live-${state}`} data-testid="live-indicator" aria-live="polite">
      <span class="live-dot" aria-hidden="true" />
      <span class="visually-hidden">{subject}: </span>
      {LABELS[state]}
      {state !== 'live' && problem !== undefined ? <span class="live-problem"> — {problem}</span> : null}
    </output>
  );
}
