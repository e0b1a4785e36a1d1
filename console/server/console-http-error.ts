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
