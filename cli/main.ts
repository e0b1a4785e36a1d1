import { processIo } from './io';
import { run } from './run';

// Sets the exit code rather than calling process.exit, so pending stderr output is flushed.
run(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`switchyard: unexpected error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
