import { OperationError, UsageError } from './errors';
import type { Target } from './target/target';

/** A queue operators watch and the DLQ its failures end in. */
export interface Channel {
  /** `tasks`, or a subscription's name (`flow-recorder`, ...), as on the dashboard and in alarms. */
  readonly name: string;
  /** Task messages carry a task id whose record explains the failure; subscription messages are events. */
  readonly kind: 'tasks' | 'subscription';
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
}

/** The task channel's output prefix; every other `<Id>QueueUrl` + `<Id>DeadLetterQueueUrl` pair is a subscription. */
const TASK_OUTPUT_ID = 'Task';
const DEAD_LETTER_SUFFIX = 'DeadLetterQueueUrl';

/**
 * The channels of a stack, found from its outputs rather than a fixed list, so a subscription
 * added to the stack shows up here without a CLI change. Tasks first, then by name.
 */
export function channelsOf(target: Target): Channel[] {
  const channels: Channel[] = [];
  for (const [key, deadLetterQueueUrl] of Object.entries(target.outputs)) {
    if (!key.endsWith(DEAD_LETTER_SUFFIX)) continue;
    const id = key.slice(0, -DEAD_LETTER_SUFFIX.length);
    const queueUrl = target.outputs[`${id}QueueUrl`];
    if (queueUrl === undefined || id === '') continue;
    const isTasks = id === TASK_OUTPUT_ID;
    channels.push({
      name: isTasks ? 'tasks' : kebab(id),
      kind: isTasks ? 'tasks' : 'subscription',
      queueUrl,
      deadLetterQueueUrl,
    });
  }
  if (channels.length === 0) {
    throw new OperationError(
      `${target.description} has no queue outputs (<Id>QueueUrl and <Id>DeadLetterQueueUrl)`,
      'deploy the current stack (`npx cdk deploy`) or restart the local cloud (`npm start`)',
    );
  }
  return channels.sort((a, b) =>
    a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'tasks' ? -1 : 1,
  );
}

/** One channel by name, or a usage error listing the names there are. */
export function findChannel(target: Target, name: string | undefined): Channel {
  const channels = channelsOf(target);
  const names = channels.map((channel) => channel.name).join(', ');
  if (name === undefined) throw new UsageError('missing <channel>', `name one of: ${names}`);
  const channel = channels.find((candidate) => candidate.name === name);
  if (channel === undefined) throw new UsageError(`unknown channel ${name}`, `name one of: ${names}`);
  return channel;
}

/** A stack output the command needs, or an error saying the stack is older than the CLI. */
export function requireOutput(target: Target, key: string): string {
  const value = target.outputs[key];
  if (value === undefined) {
    throw new OperationError(
      `${target.description} has no output ${key}`,
      'deploy the current stack (`npx cdk deploy`) or restart the local cloud (`npm start`)',
    );
  }
  return value;
}

const kebab = (id: string): string => id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
