import { type ParseArgsConfig, parseArgs } from 'node:util';
import { errorMessage } from '../../common/error-summary';

/**
 * A command line an entry point cannot use, or a request it refuses (such as a reset of a folder
 * it does not own). `runEntryPoint` prints it with the usage and exits 2.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** `parseArgs` with flags only, strictly: an unknown flag or a stray argument is a `UsageError`. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: readonly string[],
  options: T,
) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
}

/** A TCP port flag on 127.0.0.1: 0 to 65535, 0 meaning any free port. */
export function portFlag(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535) {
    throw new UsageError(`${flag} must be an integer from 0 to 65535 (given ${value})`);
  }
  return Number(value);
}

/**
 * Runs an entry point: a `UsageError`, from the command line or from the start itself, prints
 * with the usage and exits 2; any other failure prints `error: <what> could not start: ...` and
 * exits 1.
 */
export function runEntryPoint(main: () => Promise<void>, usage: string, what: string): void {
  main().catch((error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`error: ${error.message}\n\n${usage}`);
      process.exit(2);
    }
    console.error(`error: ${what} could not start: ${errorMessage(error)}`);
    process.exit(1);
  });
}
