/** Exit codes: scripts rely on them. */
export const ExitCode = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * An error the CLI reports without a stack trace. `next` tells the operator what to do about
 * it, because an error that only says what went wrong leaves them guessing.
 */
export abstract class CliError extends Error {
  abstract readonly exitCode: number;

  constructor(
    message: string,
    readonly next: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command line itself is wrong (exit 2): nothing was attempted. */
export class UsageError extends CliError {
  readonly exitCode = ExitCode.usage;
}

/** The command ran and failed, or its target could not be reached (exit 1). */
export class OperationError extends CliError {
  readonly exitCode = ExitCode.failed;
}
