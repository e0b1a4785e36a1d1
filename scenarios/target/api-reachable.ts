import { errorMessage } from '../../common/error-summary';
import { TargetError } from '../errors';
import type { ScenarioTarget } from './target';

const PROBE_TIMEOUT_MS = 10_000;

/**
 * Throws a TargetError when nothing answers at the API's URL at all (refused, unknown host, no
 * network), so an unreachable target is one line rather than every scenario failing alike. Any
 * HTTP answer will do here: whether it is the right one is the liveness scenario's question.
 */
export async function assertApiReachable(target: ScenarioTarget): Promise<void> {
  try {
    const response = await fetch(`${target.apiUrl}/api/data`, {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    await response.arrayBuffer();
  } catch (error) {
    const { name, cause } = error as { name?: unknown; cause?: { code?: unknown } };
    const reason =
      name === 'TimeoutError'
        ? `no answer within ${PROBE_TIMEOUT_MS / 1000} s`
        : typeof cause?.code === 'string'
          ? cause.code
          : errorMessage(error);
    throw new TargetError(
      `cannot reach the API at ${target.apiUrl} (${reason})`,
      target.mode === 'local'
        ? 'restart the local cloud with `npm start`, then retry'
        : 'check the network connection (and that the stage is deployed), then retry',
    );
  }
}
