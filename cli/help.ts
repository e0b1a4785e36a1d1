import type { Command } from './commands/command';

const usageOf = (command: Command): string =>
  [...command.path, ...command.args.map((arg) => `<${arg}>`)].join(' ');

/** One line per command: its usage, padded, then its summary. */
function commandList(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => usageOf(command).length));
  return commands.map((command) => `  ${usageOf(command).padEnd(width)}  ${command.summary}`).join('\n');
}

/** `switchyard --help`: the commands, how the CLI finds the stack, and the exit codes. */
export function mainHelp(commands: readonly Command[]): string {
  return `Usage: switchyard <command> [options]

Operates a Switchyard stack: deployed in AWS, or the local cloud on this machine.

Commands:
${commandList(commands)}

Which stack:
  --local             the local cloud (the default when <data dir>/endpoints.json exists and
                      its endpoint's /_switchyard/health reports the stack running); it uses
                      the endpoint, credentials and stack outputs the local cloud wrote there
  --data-dir <dir>    the local cloud's data folder (default .switchyard)
  --stack <name>      a deployed stack, found through its CloudFormation outputs (default Switchyard)
  --region <region>   its region (default: the AWS SDK's, e.g. AWS_REGION)
  --profile <name>    a profile of the shared AWS config (default: the SDK's credential chain)

Output:
  --json              one JSON document on stdout (shapes in \`switchyard <command> --help\`);
                      progress and notes always go to stderr
  -h, --help          this text, a group's commands (switchyard dlq --help) or a command's own
  -v, --version       the version of switchyard

Exit codes: 0 success, 1 the operation failed (or the stack could not be reached), 2 usage error.
`;
}

/** `switchyard <group> --help`, e.g. `switchyard dlq --help`: the group's commands. */
export const groupHelp = (group: string, commands: readonly Command[]): string =>
  `Usage: switchyard ${group} <command> [options]

Commands:
${commandList(commands)}

Each command's options and --json shape: switchyard ${group} <command> --help
`;

/** `switchyard <command> --help`. */
export const commandHelp = (command: Command): string =>
  `${command.help}\n\nGlobal options: --local, --data-dir <dir>, --stack <name>, --region <region>, --profile <name>, --json (see switchyard --help)\n`;
