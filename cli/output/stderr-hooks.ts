import type { CliIo } from '../io';
import type { OperationHooks } from '../operations/operation-context';
import { Progress } from './progress';

/** An operation's progress and warnings on stderr, where they stay out of `--json`'s stdout. */
export function stderrHooks(io: CliIo): OperationHooks {
  const progress = new Progress(io);
  return {
    onProgress: (message) => progress.report(message),
    onWarning: (message) => io.stderr(`warning: ${message}\n`),
  };
}
