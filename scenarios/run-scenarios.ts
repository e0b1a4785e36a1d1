import { randomBytes } from 'node:crypto';
import { errorMessage } from '../common/error-summary';
import { API_CONTRACT } from './contract/openapi-document';
import { OpenApiValidator } from './contract/openapi-validator';
import { ApiClient } from './http/api-client';
import { SCENARIOS } from './suite';
import {
  CORRELATION_PREFIX,
  type Scenario,
  type ScenarioContext,
  type Timing,
  type WebhookEndpoints,
} from './suite/scenario';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';
import type { ScenarioTarget } from './target/target';

/** What to run beyond the scenarios that always run. */
export interface SuiteOptions {
  /** A receiver that answers 2xx (required on a deployed stack for the delivery scenario). */
  readonly webhookUrl?: string;
  /** A receiver that answers a non-retryable 4xx. */
  readonly webhookRejectUrl?: string;
  /** A receiver that answers 5xx every time (the dead-letter scenario on a deployed stack). */
  readonly webhookFailUrl?: string;
  /** Run the dead-letter scenario. */
  readonly deadLetter?: boolean;
  /** Replaces the target's default wait bounds (tests). */
  readonly timing?: Partial<Timing>;
  /** Called as each scenario ends, in order. */
  readonly onResult?: (result: ScenarioResult) => void;
  /** Progress notes (stderr). */
  readonly note?: (line: string) => void;
}

export type ScenarioOutcome = 'passed' | 'failed' | 'not run';

export interface ScenarioResult {
  readonly name: string;
  readonly outcome: ScenarioOutcome;
  /** How long it ran; absent when it did not run. */
  readonly ms?: number;
  /** Why it failed or did not run. */
  readonly reason?: string;
}

/** The run's outcome; `--json` prints it. Fields are only ever added. */
export interface SuiteReport {
  readonly target: {
    readonly mode: ScenarioTarget['mode'];
    readonly apiUrl: string;
    readonly description: string;
  };
  readonly runId: string;
  /** Every request of the run carried a correlation id starting with this. */
  readonly correlationIdPrefix: string;
  readonly results: readonly ScenarioResult[];
  readonly passed: number;
  readonly failed: number;
  readonly notRun: number;
}

const LOCAL_TIMING: Timing = {
  pollIntervalMs: 200,
  taskTimeoutMs: 30_000,
  eventTimeoutMs: 30_000,
  absenceGraceMs: 1000,
  deadLetterTimeoutMs: 20 * 60_000,
};

const DEPLOYED_TIMING: Timing = {
  pollIntervalMs: 1000,
  taskTimeoutMs: 60_000,
  eventTimeoutMs: 120_000,
  absenceGraceMs: 5000,
  deadLetterTimeoutMs: 25 * 60_000,
};

/**
 * Runs every scenario against `target`, one after another, and reports each. Against the local
 * cloud the suite starts its own webhook receiver on 127.0.0.1 (the local allow-list has it), so
 * the webhook scenarios run there without options; against a deployed stack they need receivers
 * on its allow-list. A scenario that throws fails with the error's message; the rest still run.
 */
export async function runScenarios(target: ScenarioTarget, options: SuiteOptions = {}): Promise<SuiteReport> {
  const runId = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const receiver = target.mode === 'local' ? await startWebhookReceiver() : undefined;
  const context: ScenarioContext = {
    target,
    api: new ApiClient(target, new OpenApiValidator(API_CONTRACT)),
    runId,
    timing: { ...(target.mode === 'local' ? LOCAL_TIMING : DEPLOYED_TIMING), ...options.timing },
    webhooks: webhookEndpoints(options, receiver),
    deadLetter: options.deadLetter ?? false,
    correlationId: (label) => `${CORRELATION_PREFIX}${runId}-${label}`,
    note: options.note ?? (() => undefined),
  };
  const results: ScenarioResult[] = [];
  try {
    for (const scenario of SCENARIOS) {
      const result = await runOne(scenario, context);
      results.push(result);
      options.onResult?.(result);
    }
  } finally {
    await receiver?.stop();
  }
  const count = (outcome: ScenarioOutcome) => results.filter((result) => result.outcome === outcome).length;
  return {
    target: { mode: target.mode, apiUrl: target.apiUrl, description: target.description },
    runId,
    correlationIdPrefix: `${CORRELATION_PREFIX}${runId}-`,
    results,
    passed: count('passed'),
    failed: count('failed'),
    notRun: count('not run'),
  };
}

async function runOne(scenario: Scenario, context: ScenarioContext): Promise<ScenarioResult> {
  const notRun = scenario.notRunBecause?.(context);
  if (notRun !== undefined) return { name: scenario.name, outcome: 'not run', reason: notRun };
  const started = performance.now();
  try {
    await scenario.run(context);
    return { name: scenario.name, outcome: 'passed', ms: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      name: scenario.name,
      outcome: 'failed',
      ms: Math.round(performance.now() - started),
      reason: errorMessage(error).replace(/\s+/g, ' ').trim(),
    };
  }
}

/** URLs given on the command line win; the local receiver fills in the rest. */
function webhookEndpoints(options: SuiteOptions, receiver: WebhookReceiver | undefined): WebhookEndpoints {
  return {
    acceptUrl: options.webhookUrl ?? receiver?.urlOf('/scenarios/accept'),
    rejectUrl: options.webhookRejectUrl ?? receiver?.urlOf('/scenarios/reject'),
    failUrl: options.webhookFailUrl ?? receiver?.urlOf('/scenarios/fail'),
    // Deliveries to a URL of the operator's own say nothing about the suite's receiver.
    ...(receiver !== undefined &&
      options.webhookUrl === undefined &&
      options.webhookRejectUrl === undefined &&
      options.webhookFailUrl === undefined && { receiver }),
  };
}
