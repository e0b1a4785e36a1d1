import type { ServerResponse } from 'node:http';
import type { OperationLine } from '../../api-types';
import { ConsoleHttpError } from '../errors';
import { sendError } from '../http-answers';
import { asConsoleError } from './operation-errors';

/** What an operation that reports progress gets from the console. */
export interface ProgressHooks {
  onProgress(message: string): void;
  onWarning(message: string): void;
  /** Aborted when the browser goes away: the operation stops following what it started. */
  readonly signal: AbortSignal;
}

/**
 * Runs an operation that reports progress and answers NDJSON: `progress` lines as they come
 * (warnings among them, prefixed `Warning:`), then one `result` or `error` line. The answer
 * starts with the first line, so a refusal before any progress (an unknown channel, a redrive
 * already running) is a plain 4xx; after that the outcome is in the last line, as the CLI's is
 * in its exit code. `internalError` turns an unexpected failure into what the page may see.
 */
export async function answerWithProgress<Result>(
  response: ServerResponse,
  run: (hooks: ProgressHooks) => Promise<Result>,
  internalError: (error: unknown) => ConsoleHttpError,
): Promise<void> {
  const browserGone = new AbortController();
  response.once('close', () => browserGone.abort(new Error('the browser closed the answer')));
  const write = (line: OperationLine<Result>) => {
    if (!response.headersSent)
      response.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8' });
    if (!response.writableEnded) response.write(`${JSON.stringify(line)}\n`);
  };
  try {
    const result = await run({
      onProgress: (message) => write({ type: 'progress', message }),
      onWarning: (message) => write({ type: 'progress', message: `Warning: ${message}` }),
      signal: browserGone.signal,
    });
    write({ type: 'result', result });
    response.end();
  } catch (error) {
    if (browserGone.signal.aborted) return;
    const known = asConsoleError(error);
    const refusal = known instanceof ConsoleHttpError ? known : internalError(error);
    if (!response.headersSent) {
      sendError(response, refusal);
      return;
    }
    write({ type: 'error', error: refusal.code, message: refusal.message });
    response.end();
  }
}
