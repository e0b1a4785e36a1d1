/**
 * The operations behind the CLI's commands, for any program that operates a stack (the local
 * console's server calls these, as the CLI does): each takes the target and its SDK clients,
 * returns what the command prints with `--json`, and throws `UsageError` for bad parameters and
 * `OperationError` for a failure, with what to do next. Importing this loads the AWS SDK, which
 * is why `cli/index.ts` re-exports only its types.
 */
export { CliError, OperationError, UsageError } from '../errors';
export { Clients } from '../target/clients';
export type { ClientSettings, Target } from '../target/target';
export { type ChannelStatus, channelStatus, type StatusReport } from './channel-status';
export { getTaskRecord, type TaskParameters, type TaskRecord } from './get-task-record';
export type { OperationContext, OperationHooks } from './operation-context';
export {
  type PeekedMessage,
  type PeekParameters,
  type PeekReport,
  peekDeadLetters,
} from './peek-dead-letters';
export { type RedriveParameters, type RedriveReport, redriveDeadLetters } from './redrive-dead-letters';
export { type ReplayReport, replayArchive } from './replay-archive';
export type { ReplayParameters } from './replay-parameters';
export { type FlowParameters, type FlowView, showFlow, type TimelineEntry } from './show-flow';
