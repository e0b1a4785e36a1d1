import { ActionableError } from '../common/actionable-error';

/** Exit codes: scripts rely on them. */
export const ExitCode = { ok: 0, failed: 1, usage: 2 } as const;

/** An error the CLI reports as one line without a stack trace, with what to do about it. */
export abstract class CliError extends ActionableError {}

/** The command line itself is wrong (exit 2): nothing was attempted. */
export class UsageError extends CliError {
  readonly exitCode = ExitCode.usage;
}

/** The command ran and failed, or its target could not be reached (exit 1). */
export class OperationError extends CliError {
  readonly exitCode = ExitCode.failed;
}
