import { runCommand } from './command';

// The SDK's notice that later releases need a newer Node.js is for this project's maintainers,
// not for a pipeline's log. The SDK loads only for a deployed stack, after this line.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// Sets the exit code rather than calling process.exit, so pending output is flushed.
runCommand(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`scenarios: unexpected error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
