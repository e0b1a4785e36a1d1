/*
 * The persistent shapes of the EventBridge emulation. Field names follow the API so records
 * can be answered with little mapping; times are epoch milliseconds.
 */

/** An event bus. */
export interface EventBusRecord {
  readonly name: string;
  readonly arn: string;
  readonly description?: string;
  /** Kept and reported only: the local store does not encrypt. */
  readonly kmsKeyIdentifier?: string;
  /** Kept and reported only: the local bus delivers every event it accepts. */
  readonly deadLetterConfig?: { readonly Arn?: string };
  /** The resource-based policy document (JSON) PutPermission builds or was given. */
  readonly policy?: string;
  readonly createdAt: number;
  /** Absent on buses never updated: their last change is their creation. */
  readonly modifiedAt?: number;
}

/** A resource tag, as the API names its members. */
export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

/** `ENABLED` and the CloudTrail variant route events; `DISABLED` does not. */
export type RuleState = 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

/** A rule on a bus. */
export interface RuleRecord {
  readonly name: string;
  readonly busName: string;
  readonly arn: string;
  readonly eventPattern: string;
  readonly state: RuleState;
  readonly description?: string;
  readonly roleArn?: string;
  readonly createdAt: number;
}

/** The target configuration as PutTargets receives it (only the fields this emulation honours). */
export interface TargetRecord {
  readonly Id: string;
  readonly Arn: string;
  readonly RoleArn?: string;
  readonly Input?: string;
  readonly InputPath?: string;
  readonly InputTransformer?: {
    readonly InputPathsMap?: Readonly<Record<string, string>>;
    readonly InputTemplate: string;
  };
  readonly RetryPolicy?: {
    readonly MaximumRetryAttempts?: number;
    readonly MaximumEventAgeInSeconds?: number;
  };
  readonly DeadLetterConfig?: { readonly Arn?: string };
  readonly SqsParameters?: { readonly MessageGroupId?: string };
}

/** `ENABLED` is the only state a local archive reaches; the others exist for API fidelity. */
export type ArchiveState =
  | 'ENABLED'
  | 'DISABLED'
  | 'CREATING'
  | 'UPDATING'
  | 'CREATE_FAILED'
  | 'UPDATE_FAILED';

/** An archive of the events sent to one bus. */
export interface ArchiveRecord {
  readonly name: string;
  readonly arn: string;
  readonly sourceBusName: string;
  readonly eventSourceArn: string;
  readonly description?: string;
  readonly eventPattern?: string;
  /** 0 keeps events indefinitely, as in AWS. */
  readonly retentionDays: number;
  readonly state: ArchiveState;
  readonly createdAt: number;
}

/** Replay lifecycle, as DescribeReplay reports it. */
export type ReplayState = 'STARTING' | 'RUNNING' | 'CANCELLING' | 'COMPLETED' | 'CANCELLED' | 'FAILED';

/** A replay of archived events to a bus. */
export interface ReplayRecord {
  readonly name: string;
  readonly arn: string;
  readonly description?: string;
  readonly archiveName: string;
  readonly eventSourceArn: string;
  readonly destinationArn: string;
  readonly destinationBusName: string;
  readonly filterArns?: readonly string[];
  readonly eventStartTime: number;
  readonly eventEndTime: number;
  readonly state: ReplayState;
  readonly stateReason?: string;
  readonly replayStartTime: number;
  readonly replayEndTime?: number;
  readonly eventLastReplayedTime?: number;
  /** Archive sequence number of the last event replayed, so a restart resumes after it. */
  readonly lastReplayedSeq: number;
}

/** The event as EventBridge delivers it to targets. */
export interface EventEnvelope {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: unknown;
  readonly 'replay-name'?: string;
}

/** One pending delivery of an event to one target: the durable outbox row. */
export interface PendingDelivery {
  readonly id: number;
  readonly ruleArn: string;
  readonly target: TargetRecord;
  /** The payload after Input / InputPath / InputTransformer, or undefined if transforming failed. */
  readonly body?: string;
  /** Why the payload could not be built; such a delivery goes straight to the dead-letter queue. */
  readonly transformError?: string;
  readonly eventId: string;
  /** The original event, sent to the dead-letter queue if delivery fails for good. */
  readonly eventJson: string;
  readonly createdAt: number;
  readonly attempts: number;
  readonly dueAt: number;
  readonly lastError?: { readonly code: string; readonly message: string };
}
