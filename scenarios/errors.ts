import { ActionableError } from '../common/actionable-error';

/** Exit codes of `npm run scenarios`: pipelines rely on them. */
export const ExitCode = { passed: 0, failed: 1, usage: 2 } as const;

/** An error the suite reports as one line without a stack trace, with what to do about it. */
abstract class OneLineError extends ActionableError {}

/** The command line is wrong (exit 2): nothing was attempted. */
export class UsageError extends OneLineError {
  readonly exitCode = ExitCode.usage;
}

/** The target cannot be reached or found (exit 1): no scenario ran. */
export class TargetError extends OneLineError {
  readonly exitCode = ExitCode.failed;
}

/** Either of the errors above: what the command reports as its one line. */
export type CommandError = UsageError | TargetError;

export const isCommandError = (error: unknown): error is CommandError =>
  error instanceof UsageError || error instanceof TargetError;

/** A scenario's expectation was not met; its message is the reason printed after `✗ name:`. */
export class ScenarioFailure extends Error {
  override readonly name = 'ScenarioFailure';
}
