import { errorSummary } from '../common/error-summary';
import { GLOBAL_OPTIONS, type OptionName, type ParsedArgs, parseCommandLine } from './args';
import { COMMANDS, type Command } from './commands';
import { CliError, ExitCode, OperationError, UsageError } from './errors';
import { commandHelp, groupHelp, mainHelp } from './help';
import type { CliIo } from './io';
import type { Clients } from './target/clients';
import type { Target } from './target/target';
import { packageVersion } from './version';

const HELP_HINT = 'see `switchyard --help`';

/** The command whose words start the command line (no path is a prefix of another). */
function findCommand(positionals: readonly string[]): Command | undefined {
  return COMMANDS.find((command) => command.path.every((word, index) => positionals[index] === word));
}

/** Arguments and options the command does not take are usage errors, never silently ignored. */
function checkUsage(command: Command, parsed: ParsedArgs): readonly string[] {
  const args = parsed.positionals.slice(command.path.length);
  const usage = `usage: ${commandHelp(command)
    .split('\n')[0]
    ?.replace(/^Usage: /, '')}`;
  if (args.length < command.args.length) {
    throw new UsageError(`missing <${command.args[args.length]}>`, usage);
  }
  if (args.length > command.args.length) {
    throw new UsageError(`unexpected argument ${args[command.args.length]}`, usage);
  }
  const allowed = new Set<OptionName>([...GLOBAL_OPTIONS, ...command.options]);
  for (const [name, value] of Object.entries(parsed.options)) {
    if (value !== undefined && !allowed.has(name as OptionName)) {
      throw new UsageError(`--${name} is not an option of ${command.path.join(' ')}`, usage);
    }
  }
  return args;
}

/** Turns what the AWS SDK or the network threw into a message that says what to do next. */
function describeFailure(error: unknown, target: Target | undefined): CliError {
  if (error instanceof CliError) return error;
  const { name, message } = errorSummary(error);
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  const unreachable =
    /ECONNREFUSED|ECONNRESET|fetch failed|socket hang up/.test(message) || cause?.code === 'ECONNREFUSED';
  if (target?.mode === 'local' && unreachable) {
    return new OperationError(
      `the local cloud stopped answering at ${target.clientSettings.endpoint}`,
      'restart it with `npm start`, then retry',
    );
  }
  if (/credential|security token|not authorized|AccessDenied/i.test(`${name} ${message}`)) {
    return new OperationError(
      `${name}: ${message}`,
      'check your AWS credentials and permissions (--profile, aws sts get-caller-identity), then retry',
    );
  }
  return new OperationError(
    `${name}: ${message}`,
    target === undefined
      ? 'check --stack, --region and --profile, then retry'
      : `check ${target.description} with \`switchyard status\`, then retry`,
  );
}

/**
 * A command line that names no command: the main help, a group's help (`switchyard dlq --help`),
 * or a usage error that lists what the operator may have meant.
 */
function answerWithoutCommand(parsed: ParsedArgs, io: CliIo): number {
  const [first] = parsed.positionals;
  if (first === undefined) {
    const help = mainHelp(COMMANDS);
    if (parsed.options.help) {
      io.stdout(help);
      return ExitCode.ok;
    }
    io.stderr(help);
    return ExitCode.usage;
  }
  const group = COMMANDS.filter((candidate) => candidate.path[0] === first);
  if (group.length === 0) throw new UsageError(`unknown command ${parsed.positionals.join(' ')}`, HELP_HINT);
  if (parsed.options.help && parsed.positionals.length === 1) {
    io.stdout(groupHelp(first, group));
    return ExitCode.ok;
  }
  throw new UsageError(
    `${parsed.positionals.join(' ')} is not a command`,
    `use one of: ${group.map((candidate) => `switchyard ${candidate.path.join(' ')}`).join(', ')}`,
  );
}

/**
 * Runs one command line and resolves to its exit code (0 success, 1 failed, 2 usage error).
 * It never throws and never exits the process, so tests call it in process.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let target: Target | undefined;
  let clients: Clients | undefined;
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.options.version) {
      const version = packageVersion();
      if (version === undefined) {
        throw new OperationError(
          "cannot find switchyard's package.json above the CLI's folder",
          'run the CLI from the switchyard repository or package (npx switchyard)',
        );
      }
      io.stdout(`${version}\n`);
      return ExitCode.ok;
    }
    const command = findCommand(parsed.positionals);
    if (command === undefined) return answerWithoutCommand(parsed, io);
    if (parsed.options.help) {
      io.stdout(commandHelp(command));
      return ExitCode.ok;
    }
    const args = checkUsage(command, parsed);
    // The implementation and the AWS SDK load only now: `--help` and `--version` never need them.
    const runner = command.load();
    runner.validate?.(args, parsed.options);
    const { resolveTarget } = require('./target/resolve-target') as typeof import('./target/resolve-target');
    target = await resolveTarget(parsed.options, io.cwd, (line) => io.stderr(`note: ${line}\n`));
    const { Clients } = require('./target/clients') as typeof import('./target/clients');
    clients = new Clients(target.clientSettings);
    return await runner.run({
      io,
      target,
      clients,
      args,
      options: parsed.options,
      json: parsed.options.json === true,
    });
  } catch (error) {
    const failure = describeFailure(error, target);
    io.stderr(`switchyard: ${failure.message}\n  next: ${failure.next}\n`);
    return failure.exitCode;
  } finally {
    clients?.destroy();
  }
}
