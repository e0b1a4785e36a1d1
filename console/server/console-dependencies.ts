import type { Clients } from '../../cli/target/clients';
import type { Target } from '../../cli/target/target';
import type { SigningCredentials } from '../../common/execute-api-signature';
import type { ConsoleHttpError } from './errors';
import type { EventStreams } from './event-stream';
import type { LogFeed } from './log-feed';
import type { OverviewSampler } from './overview-sampler';

/** What the console's routes work with: the running stack as the CLI sees it, and its live feeds. */
export interface ConsoleDependencies {
  /** The local stack as the operator CLI's operations take it. */
  readonly target: Target;
  readonly clients: Clients;
  /** The stack API's stage URL, for calls made as a client would make them. */
  readonly apiUrl: string;
  readonly credentials: SigningCredentials;
  readonly functionNames: () => readonly string[];
  readonly rules: () => ReadonlyArray<{ readonly name: string; readonly eventBusName: string }>;
  readonly sampler: OverviewSampler;
  readonly logs: LogFeed;
  /** Every open server-sent events answer, bounded in number and in buffered bytes. */
  readonly streams: EventStreams;
  /** The runner's output, for what the developer should know (never a page's data). */
  readonly log: (line: string) => void;
  /** Turns an unexpected failure into a 500 the page may see, and logs it for the developer. */
  readonly internalError: (error: unknown, what: string) => ConsoleHttpError;
}
