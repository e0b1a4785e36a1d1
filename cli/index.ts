/** What other folders (and tests) may use of the operator CLI. */
export { ExitCode } from './errors';
export { type CliIo, processIo } from './io';
export { run } from './run';
