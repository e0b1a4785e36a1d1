/** A refusal or failure the console answers as `{ error, message }` with `statusCode`. */
export class ConsoleHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConsoleHttpError';
  }
}

export const notFound = (message: string) => new ConsoleHttpError(404, 'NotFound', message);
export const badRequest = (message: string) => new ConsoleHttpError(400, 'ValidationError', message);

/**
 * What an unexpected failure becomes: the reason goes to the runner's output (through `log`),
 * the page gets a message without internals (paths, SDK details).
 */
export function internalErrorReporter(
  log: (line: string) => void,
): (error: unknown, what: string) => ConsoleHttpError {
  return (error, what) => {
    log(
      `console: ${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return new ConsoleHttpError(
      500,
      'InternalError',
      `${what} failed; the reason is in the npm start output.`,
    );
  };
}
