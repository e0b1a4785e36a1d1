import { integerOption } from '../args';
import { ExitCode } from '../errors';
import { PEEK_MAX_BOUNDS } from '../operations/dlq-limits';
import { type PeekedMessage, peekDeadLetters } from '../operations/peek-dead-letters';
import { oneLine, toJson } from '../output/format';
import { stderrHooks } from '../output/stderr-hooks';
import { renderFields } from '../output/table';
import type { CommandContext, CommandRunner } from './command';

function renderMessage(message: PeekedMessage, index: number, total: number): string {
  const fields: Array<readonly [string, string]> = [
    ['message', `${index + 1} of ${total}: ${message.messageId}`],
    ['sent', message.sentAt ?? '-'],
    ['receives', `${message.receiveCount} before this peek`],
  ];
  const attributeLine = Object.entries(message.messageAttributes)
    .map(([name, value]) => `${name}=${oneLine(value, 80)}`)
    .join(' ');
  if (attributeLine !== '') fields.push(['attributes', attributeLine]);
  if (message.task) fields.push(['task', `${message.task.status} after ${message.task.attempts} attempt(s)`]);
  fields.push(['first error', message.firstError ?? '-'], ['last error', message.lastError ?? '-']);
  fields.push(['body', oneLine(message.body, 400)]);
  return renderFields(fields);
}

async function peek(context: CommandContext): Promise<number> {
  const { io } = context;
  const max = integerOption('max', context.options.max, PEEK_MAX_BOUNDS);
  const report = await peekDeadLetters(
    context,
    { channel: context.args[0] ?? '', ...(max !== undefined && { max }) },
    stderrHooks(io),
  );
  const { channel, messages, approximateDepth } = report;
  if (context.json) {
    io.stdout(toJson(report));
    return ExitCode.ok;
  }
  if (messages.length === 0) {
    io.stdout(`The DLQ of ${channel} is empty.\n`);
    return ExitCode.ok;
  }
  io.stdout(messages.map((message, index) => renderMessage(message, index, messages.length)).join('\n'));
  io.stderr(
    `${messages.length} of about ${approximateDepth} dead-lettered message(s) on ${channel}, left in place; ` +
      `redrive them with \`switchyard dlq redrive ${channel}\` once the cause is fixed\n`,
  );
  return ExitCode.ok;
}

/** Runs `switchyard dlq peek <channel>`. */
export const dlqPeek: CommandRunner = {
  validate: (_args, options) => {
    integerOption('max', options.max, PEEK_MAX_BOUNDS);
  },
  run: peek,
};
