import type { Clients } from '../../cli/target/clients';
import type { Target } from '../../cli/target/target';
import type { SigningCredentials } from '../../common/execute-api-signature';
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
}
