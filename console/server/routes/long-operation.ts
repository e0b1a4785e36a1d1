import type { ServerResponse } from 'node:http';
import { errorMessage } from '../../../common/error-summary';
import type { OperationLine } from '../../api-types';
import { ConsoleHttpError } from '../console-http-error';
import { startNdjson } from '../http-answers';
import { asConsoleError } from './operation-errors';

/**
 * Runs an operation that reports progress and answers NDJSON: `progress` lines as they come,
 * then one `result` or `error` line. The status is 200 once the first line is out, so the
 * outcome is in the last line, as the CLI's is in its exit code.
 */
export async function answerWithProgress<Result>(
  response: ServerResponse,
  run: (onProgress: (message: string) => void) => Promise<Result>,
): Promise<void> {
  const write = startNdjson(response);
  const line = (value: OperationLine<Result>) => write(value);
  try {
    const result = await run((message) => line({ type: 'progress', message }));
    line({ type: 'result', result });
  } catch (error) {
    const known = asConsoleError(error);
    line(
      known instanceof ConsoleHttpError
        ? { type: 'error', error: known.code, message: known.message }
        : { type: 'error', error: 'InternalError', message: errorMessage(error) },
    );
  } finally {
    response.end();
  }
}
