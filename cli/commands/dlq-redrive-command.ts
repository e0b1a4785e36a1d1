import { MAX_RATE } from '../operations/dlq-limits';
import type { Command } from './command';

/** `switchyard dlq redrive <channel>`. */
export const dlqRedriveCommand: Command = {
  path: ['dlq', 'redrive'],
  args: ['channel'],
  options: ['rate'],
  summary: "move a channel's dead-lettered messages back to its queue",
  help: `Usage: switchyard dlq redrive <channel> [--rate N] [--json]

Starts an SQS message move task (StartMessageMoveTask) from the channel's DLQ to the channel's
queue, at most N messages per second (1 to ${MAX_RATE}; default: as fast as SQS moves them), and
shows its progress on stderr until it is COMPLETED, FAILED or CANCELLED. Exit code 1 unless
COMPLETED. Fix the cause first (see \`switchyard dlq peek <channel>\`): redriven messages run
again (a task whose retries ran out restarts; one that succeeded or failed for good does not).
The move task runs in SQS: stopping the CLI (Ctrl-C) does not stop it; \`switchyard status\`
shows the DLQ draining.

--json: {"channel", "sourceArn", "destinationArn", "status" (COMPLETED | FAILED | CANCELLED |
EMPTY), "moved", "toMove", "failureReason"?}`,
  load: () => (require('./dlq-redrive') as typeof import('./dlq-redrive')).dlqRedrive,
};
