/**
 * What other folders (and tests) may use of the operator CLI. Loading it loads no AWS SDK, so
 * `switchyard --help` stays fast: the operations behind the commands (which load the SDK) are
 * imported from `cli/operations`; their parameter and report types are re-exported here.
 */
export { ExitCode } from './errors';
export { type CliIo, processIo } from './io';
export type * from './operations';
export { run } from './run';
