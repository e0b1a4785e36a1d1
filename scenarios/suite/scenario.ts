import type { ApiClient } from '../http/api-client';
import type { WebhookReceiver } from '../support/webhook-receiver';
import type { ScenarioTarget } from '../target/target';

/** Bounds of the waits, by target: the local cloud answers in milliseconds, AWS in seconds. */
export interface Timing {
  readonly pollIntervalMs: number;
  /** A `hello` or webhook task from accepted to final. */
  readonly taskTimeoutMs: number;
  /** An event from published to consumed by a subscription. */
  readonly eventTimeoutMs: number;
  /** How long an event that must not reach a subscription is watched after its sibling did. */
  readonly absenceGraceMs: number;
  /** A webhook failing five times, each retry one visibility timeout (180 s in the template) later. */
  readonly deadLetterTimeoutMs: number;
}

/** Webhook receivers the scenarios deliver to; a scenario whose receiver is unknown does not run. */
export interface WebhookEndpoints {
  /** Answers 2xx. */
  readonly acceptUrl?: string;
  /** Answers a 4xx that is not retried (not 408, 425 or 429). */
  readonly rejectUrl?: string;
  /** Answers 5xx every time. */
  readonly failUrl?: string;
  /** The suite's own receiver (local cloud only), to check what arrived. */
  readonly receiver?: WebhookReceiver;
}

/** What every scenario gets. */
export interface ScenarioContext {
  readonly target: ScenarioTarget;
  readonly api: ApiClient;
  /** Names this run's synthetic traffic: correlation ids, event ids, idempotency keys. */
  readonly runId: string;
  readonly timing: Timing;
  readonly webhooks: WebhookEndpoints;
  /** Run the webhook dead-letter scenario (`--dead-letter`). */
  readonly deadLetter: boolean;
  /** `scenario-<runId>-<label>`: every request of a run is recognisable by this prefix. */
  correlationId(label: string): string;
  /** A progress note for the operator (stderr), e.g. before a long wait. */
  note(line: string): void;
}

/** One check of the system from a client's side. */
export interface Scenario {
  readonly name: string;
  /** Why it does not run with this target and these options; undefined when it runs. */
  notRunBecause?(context: ScenarioContext): string | undefined;
  /** Resolves when the scenario passed; throws (a ScenarioFailure, with the reason) when not. */
  run(context: ScenarioContext): Promise<void>;
}

/** The source of every event the scenarios publish, so synthetic events are told apart. */
export const SCENARIO_EVENT_SOURCE = 'com.switchyard.scenarios';

/** The prefix of every correlation id the scenarios send. */
export const CORRELATION_PREFIX = 'scenario-';
