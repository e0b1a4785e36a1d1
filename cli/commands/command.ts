import type { OptionName, OptionValues } from '../args';
import type { CliIo } from '../io';
import type { Clients } from '../target/clients';
import type { Target } from '../target/target';

/** What a command gets to work with. */
export interface CommandContext {
  readonly io: CliIo;
  readonly target: Target;
  readonly clients: Clients;
  /** The words after the command's name, e.g. the channel of `dlq peek <channel>`. */
  readonly args: readonly string[];
  readonly options: OptionValues;
  /** `--json`: one JSON document on stdout instead of tables. */
  readonly json: boolean;
}

/** What a command does: loaded only when the command runs, because it pulls in the AWS SDK. */
export interface CommandRunner {
  /**
   * Checks the arguments before the target is resolved, so a usage error never waits for a
   * network call. Throws `UsageError`.
   */
  validate?(args: readonly string[], options: OptionValues): void;
  /** Runs the command; resolves to the exit code. */
  run(context: CommandContext): Promise<number>;
}

/**
 * One operator command as `--help` and the parser see it. Declarations stay free of the AWS SDK,
 * so `switchyard --help` and `--version` answer without loading it (as oclif's manifest lets a
 * CLI list its commands without requiring them).
 */
export interface Command {
  /** The words that select it, e.g. `['dlq', 'peek']`. */
  readonly path: readonly string[];
  /** Names of the positional arguments, in order, as shown in the usage line. */
  readonly args: readonly string[];
  /** Command-specific options (the global ones are always accepted). */
  readonly options: readonly OptionName[];
  /** One line for the command list. */
  readonly summary: string;
  /** Usage line and details for `switchyard <command> --help`. */
  readonly help: string;
  /**
   * Loads the implementation. A `require` at call time rather than `import()`: tsx's CommonJS
   * hook (how the CLI runs from its sources) leaves `import()` to Node's ESM resolver, which finds
   * no extensionless TypeScript file; ts-jest and esbuild's CommonJS bundle keep the module
   * unevaluated until this call either way.
   */
  load(): CommandRunner;
}
