/**
 * The local console's HTTP API: the JSON the server (console/server) answers and the browser
 * front end (console/ui) reads. Types only, so both sides compile against one definition and
 * neither pulls the other's code into its bundle.
 *
 * Every route needs the session cookie; every POST also needs a same-origin `Origin`.
 * Errors answer `ConsoleError` with a 4xx or 5xx status.
 */

/** Any refusal or failure: what went wrong, in words an operator can act on. */
export interface ConsoleError {
  /** A stable code, e.g. `NotFound`, `ValidationError`, `Unauthorized`, `CrossOriginRequest`. */
  readonly error: string;
  readonly message: string;
}

/** `GET /api/config`: what the running stack is made of, derived from its template. */
export interface ConsoleConfig {
  readonly stackName: string;
  readonly region: string;
  readonly apiUrl: string;
  readonly channels: ReadonlyArray<{ readonly name: string; readonly kind: 'tasks' | 'subscription' }>;
  /** Function names as the local Lambda runtime knows them (the template's FunctionName or logical id). */
  readonly functions: readonly string[];
  readonly rules: ReadonlyArray<{ readonly name: string; readonly eventBusName: string }>;
  /** Task statuses a task list may be filtered by. */
  readonly taskStatuses: readonly string[];
  /** Log levels, lowest first. */
  readonly logLevels: readonly string[];
}

export interface ChannelOverview {
  readonly name: string;
  readonly kind: 'tasks' | 'subscription';
  readonly queued: number;
  readonly inFlight: number;
  readonly delayed: number;
  /** null when unknown (no message, or no recent datapoint). */
  readonly oldestMessageAgeSeconds: number | null;
  readonly deadLetters: number;
}

export interface FunctionOverview {
  readonly name: string;
  readonly invocations: number;
  readonly errors: number;
  readonly throttles: number;
  /** Over the most recent invocations; null before the first one. */
  readonly durationP50Ms: number | null;
  readonly durationP99Ms: number | null;
  readonly coldStarts: number;
  /** Environments (worker threads) alive now. */
  readonly environments: number;
  readonly running: number;
}

export interface RuleOverview {
  readonly name: string;
  readonly eventBusName: string;
  /** Events the rule matched since start. */
  readonly matchedEvents: number;
  /** Deliveries to its targets that failed for good (dead-lettered or dropped after retries). */
  readonly failedDeliveries: number;
}

/**
 * One sample of the running stack. `GET /api/overview` answers the latest; the stream
 * `GET /api/overview/stream` (server-sent events) sends `event: history` with
 * `OverviewSample[]` (the last minutes) once on connect, then `event: overview` with one
 * `OverviewSample` at least every 2 s.
 */
export interface OverviewSample {
  /** Epoch milliseconds. */
  readonly at: number;
  readonly channels: readonly ChannelOverview[];
  readonly functions: readonly FunctionOverview[];
  readonly rules: readonly RuleOverview[];
}

/** One line of `GET /api/tasks`. */
export interface TaskSummary {
  readonly taskId: string;
  readonly type: string;
  readonly status: string;
  readonly attempts: number;
  readonly correlationId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** `GET /api/tasks?status=&limit=`: the most recent tasks first (a local table scan). */
export interface TaskList {
  readonly tasks: readonly TaskSummary[];
  /**
   * False when the table held more items than one listing scans (20,000): the list is then the
   * newest of those scanned, and older or newer tasks may be missing. Look a task up by id.
   */
  readonly complete: boolean;
}

/**
 * `GET /api/tasks/{taskId}`: the task record as `switchyard tasks get --json` prints it
 * (status, result or error, history of attempts). Shaped by functions/shared/task-record.ts.
 */
export type TaskDetail = TaskSummary & {
  readonly result?: unknown;
  readonly error?: { readonly code: string; readonly message: string };
  readonly lastError?: string;
  readonly history?: ReadonlyArray<{
    readonly at: string;
    readonly event: string;
    readonly attempt?: number;
    readonly message?: string;
  }>;
};

/**
 * One line of a flow: a task's state change, an event published, or an event a subscription
 * consumed. Mirrors functions/get-flow/get-flow.ts `TimelineEntry`; the server assigns one to
 * the other, so the compiler catches a drift.
 */
export type FlowTimelineEntry =
  | {
      readonly kind: 'TASK';
      readonly at: string;
      readonly taskId: string;
      readonly taskType: string;
      readonly event: string;
      readonly attempt?: number;
      readonly message?: string;
    }
  | {
      readonly kind: 'EVENT_PUBLISHED';
      readonly at: string;
      readonly eventId: string;
      readonly type: string;
      readonly source: string;
      readonly replayName?: string;
    }
  | {
      readonly kind: 'EVENT_CONSUMED';
      readonly at: string;
      readonly eventId: string;
      readonly type: string;
      readonly subscription: string;
      readonly outcome: string;
    };

/** `GET /api/flows/{correlationId}`: the timeline `GET /flows/{id}` answers, oldest first. */
export interface FlowTimeline {
  readonly correlationId: string;
  readonly timeline: readonly FlowTimelineEntry[];
}

/** `GET /api/dead-letters/{channel}?max=`: as `switchyard dlq peek --json` prints it. */
export interface DeadLetterPeek {
  readonly channel: string;
  readonly deadLetterQueueUrl: string;
  readonly approximateDepth: number;
  readonly messages: ReadonlyArray<{
    readonly messageId: string;
    readonly body: unknown;
    readonly receiveCount: number;
    readonly sentAt: string | null;
    readonly firstError: string | null;
    readonly lastError: string | null;
    /** Where the errors were read: the task record, the message's attributes, or null when unknown. */
    readonly errorSource: string | null;
    /** The task's record, or null when the message names no task the table knows. */
    readonly task?: { readonly taskId: string; readonly status: string; readonly attempts: number } | null;
  }>;
}

/** The outcome of `POST /api/dead-letters/{channel}/redrive`, as `switchyard dlq redrive --json`. */
export interface RedriveResult {
  readonly channel: string;
  /** `COMPLETED`, `EMPTY` (nothing to move), `FAILED` or `CANCELLED`. */
  readonly status: string;
  readonly moved: number;
  readonly toMove: number;
  readonly failureReason?: string;
}

/** `POST /api/replays` body: replay the stack's archive between two instants. */
export interface ReplayRequest {
  /** ISO 8601 instants. */
  readonly from: string;
  readonly to: string;
  /** An EventBridge event pattern narrowing what is replayed; every archived event when absent. */
  readonly pattern?: unknown;
}

/** The outcome of a replay, as `switchyard events replay --json`. */
export interface ReplayResult {
  readonly replayName: string;
  readonly archiveName: string;
  readonly from: string;
  readonly to: string;
  /** `COMPLETED`, `FAILED` or `CANCELLED`. */
  readonly state: string;
  readonly stateReason?: string;
}

/**
 * Long operations (redrive, replay) answer `application/x-ndjson`: zero or more `progress`
 * lines, then exactly one `result` or `error` line.
 */
export type OperationLine<Result> =
  | { readonly type: 'progress'; readonly message: string }
  | { readonly type: 'result'; readonly result: Result }
  | { readonly type: 'error'; readonly error: string; readonly message: string };

/** `GET /api/event-types`: what `POST /events` accepts, with each type's JSON Schema. */
export interface EventTypeList {
  readonly types: ReadonlyArray<{
    readonly name: string;
    readonly description: string;
    /** JSON Schema (2020-12) of the event's `data`. */
    readonly dataSchema: Readonly<Record<string, unknown>>;
  }>;
}

/**
 * `POST /api/events` body: one event, sent through the stack's own `POST /events` route as a
 * client would send it.
 */
export interface PublishRequest {
  readonly type: string;
  readonly source: string;
  readonly data: unknown;
}

/** The stack API's answer to the publish, passed through. */
export interface PublishResult {
  readonly statusCode: number;
  /** The `X-Correlation-Id` of the answer: the flow to open. */
  readonly correlationId: string | null;
  readonly body: unknown;
}

/**
 * One function log line. `GET /api/logs/stream?function=&level=&correlationId=` (server-sent
 * events) sends `event: reset` (the page starts its list over: each connection, a reconnect
 * included, resends the recent lines), then `event: log` per line, the recent ones first,
 * filtered on the server.
 */
export interface LogLine {
  /** Epoch milliseconds when the runner received it. */
  readonly at: number;
  readonly function: string;
  readonly level: string;
  /** From the structured log line, when it has one. */
  readonly correlationId: string | null;
  /** The line as the function wrote it. */
  readonly line: string;
}
