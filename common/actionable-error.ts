/**
 * An error a command reports as one line, without a stack trace, with what to do about it
 * (`next`): whoever reads a failed command or pipeline needs the fix, not only the symptom.
 * Each command gives its subclasses their exit codes.
 */
export abstract class ActionableError extends Error {
  abstract readonly exitCode: number;

  constructor(
    message: string,
    readonly next: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
