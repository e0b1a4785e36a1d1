import { OperationError, UsageError } from '../../../cli/errors';
import { badRequest, ConsoleHttpError, notFound } from '../errors';

/**
 * A CLI operation's error as the console answers it: a usage error is the request's fault
 * (400); an operation error is the state's, a 404 where the route knows it means something is
 * absent and a 409 otherwise. Each keeps the CLI's advice on what to do.
 */
export function asConsoleError(error: unknown, meaning: 'absent' | 'conflict' = 'conflict'): unknown {
  if (error instanceof UsageError) return badRequest(`${error.message} (${error.next})`);
  if (error instanceof OperationError) {
    const message = `${error.message}: ${error.next}`;
    return meaning === 'absent' ? notFound(message) : new ConsoleHttpError(409, 'OperationFailed', message);
  }
  return error;
}
