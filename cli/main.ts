import { processIo } from './io';
import { run } from './run';

// The SDK's notice that later releases need a newer Node is for the CLI's maintainers, not its
// operators: it would land in the middle of a command's output. `run` loads the SDK only once a
// command runs, so this is set before any SDK module is loaded. An operator's own setting wins.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

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
