import type { Command } from './command';
import { dlqPeekCommand } from './dlq-peek-command';
import { dlqRedriveCommand } from './dlq-redrive-command';
import { eventsReplayCommand } from './events-replay-command';
import { flowsShowCommand } from './flows-show-command';
import { statusCommand } from './status-command';
import { tasksGetCommand } from './tasks-get-command';

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  statusCommand,
  dlqPeekCommand,
  dlqRedriveCommand,
  eventsReplayCommand,
  tasksGetCommand,
  flowsShowCommand,
];

export type { Command, CommandContext, CommandRunner } from './command';
