import type { Command } from './command';
import { dlqPeekCommand } from './dlq-peek';
import { dlqRedriveCommand } from './dlq-redrive';
import { eventsReplayCommand } from './events-replay';
import { flowsShowCommand } from './flows-show';
import { statusCommand } from './status';
import { tasksGetCommand } from './tasks-get';

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  statusCommand,
  dlqPeekCommand,
  dlqRedriveCommand,
  eventsReplayCommand,
  tasksGetCommand,
  flowsShowCommand,
];

export type { Command, CommandContext } from './command';
