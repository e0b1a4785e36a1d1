/** Settings every SDK client of one target shares. */
export interface ClientSettings {
  readonly region: string;
  /** The local cloud's endpoint; unset for AWS. */
  readonly endpoint?: string;
  /** The local cloud's fixed credentials; unset for AWS (the default credential chain). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** A named profile of the shared AWS config; unset for the local cloud. */
  readonly profile?: string;
}

/** The stack the CLI operates on: deployed in AWS or running in the local cloud. */
export interface Target {
  readonly mode: 'local' | 'aws';
  readonly stackName: string;
  readonly region: string;
  /** The stack's outputs: resolved from CloudFormation, or local values from endpoints.json. */
  readonly outputs: Readonly<Record<string, string>>;
  readonly clientSettings: ClientSettings;
  /** How often long operations poll: the local cloud answers at once, AWS APIs have rate limits. */
  readonly pollIntervalMs: number;
  /**
   * How long new temporary replay rules are given to take effect before the replay starts: AWS
   * applies rule and target changes after a short delay; the local cloud at once.
   */
  readonly replayRuleSettleMs: number;
  /**
   * How long temporary replay rules outlive their replay: AWS delivers matched events
   * asynchronously after a replay completes; the local cloud has queued every delivery by then.
   */
  readonly replayRuleGraceMs: number;
  /** Names the target in messages, e.g. `stack Switchyard in eu-west-1`. */
  readonly description: string;
}
