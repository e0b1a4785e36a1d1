import { HEALTH_PATH } from '../../common/local-endpoints-file';

/** What the local endpoint's health check says about it. */
export interface LocalHealth {
  /** `running` once everything is up; `starting` and `stopping` around that. */
  readonly status: string;
  /** `stack` when `npm start` runs the stack on it, `services` for `npm run local:services`. */
  readonly mode: string;
}

/** The outcome of asking an endpoint for its health. */
export type LocalCloudProbe =
  | { readonly answer: 'health'; readonly health: LocalHealth }
  /** Nothing answers: refused, reset or timed out. */
  | { readonly answer: 'none'; readonly reason: string }
  /** Something answers, but not as the local cloud (another program holds the port). */
  | { readonly answer: 'foreign'; readonly reason: string };

/**
 * Asks the endpoint for `GET /_switchyard/health`. A crashed local cloud (`kill -9`) leaves its
 * endpoints file behind, and its port may since have gone to another program, so neither the
 * file nor an answer on the port proves that the local cloud runs.
 */
export async function probeLocalCloud(awsEndpoint: string, timeoutMs = 1500): Promise<LocalCloudProbe> {
  let response: Response;
  try {
    response = await fetch(new URL(HEALTH_PATH, awsEndpoint), { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    return { answer: 'none', reason: unreachableReason(error, timeoutMs) };
  }
  const body = await response.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  if (!response.ok || !isLocalHealth(parsed)) {
    return {
      answer: 'foreign',
      reason: `GET ${HEALTH_PATH} answered HTTP ${response.status}${response.ok ? ' without a health report' : ''}`,
    };
  }
  return { answer: 'health', health: parsed };
}

/** `ECONNREFUSED`, a timeout, or what fetch threw. Read by shape: fetch's errors may come from another realm. */
function unreachableReason(error: unknown, timeoutMs: number): string {
  const { name, cause } = (typeof error === 'object' && error !== null ? error : {}) as {
    readonly name?: unknown;
    readonly cause?: { readonly code?: unknown };
  };
  if (name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  return typeof cause?.code === 'string' ? cause.code : String(error);
}

const isLocalHealth = (value: unknown): value is LocalHealth => {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<string, unknown>;
  return (
    typeof fields.status === 'string' &&
    typeof fields.mode === 'string' &&
    typeof fields.services === 'object' &&
    fields.services !== null
  );
};
