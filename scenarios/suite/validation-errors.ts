import type { ApiResponse } from '../http/api-client';
import { orderPlaced } from '../support/events';
import { errorOf, expectErrorCode, expectStatus, expectThat } from '../support/expect';
import { readFlow } from '../support/flows';
import { sleep } from '../support/wait';
import { SCENARIO_EVENT_SOURCE, type Scenario } from './scenario';

/** A host no allow-list names: `.invalid` is reserved and never resolves (RFC 2606). */
const DISALLOWED_WEBHOOK = 'https://not-allowed.invalid/hook';

/**
 * Requests that break what only the functions check answer `400 VALIDATION_FAILED` naming each
 * field: a webhook host outside the allow-list (`payload.url`) and a reserved event source in
 * the second of two events (`events.1.source`), which publishes neither.
 */
export const validationErrors: Scenario = {
  name: 'validation errors name their fields',
  async run(context) {
    const correlationId = context.correlationId('invalid');
    const headers = { 'x-correlation-id': correlationId };
    const task = await context.api.send({
      method: 'POST',
      path: '/tasks',
      body: { type: 'webhook', payload: { url: DISALLOWED_WEBHOOK, body: {} } },
      headers,
    });
    expectFieldError(task, 'payload.url');
    const events = await context.api.send({
      method: 'POST',
      path: '/events',
      body: {
        events: [
          orderPlaced(`${correlationId}-valid`, 10),
          { ...orderPlaced(`${correlationId}-reserved`, 10), source: `switchyard.${SCENARIO_EVENT_SOURCE}` },
        ],
      },
      headers,
    });
    expectFieldError(events, 'events.1.source');
    // A wrongly published event reaches the flow only once the flow recorder has consumed it.
    await sleep(context.timing.absenceGraceMs);
    expectThat(
      (await readFlow(context, correlationId)) === undefined,
      `a rejected request left a flow behind under ${correlationId}`,
    );
  },
};

function expectFieldError(response: ApiResponse, path: string): void {
  expectStatus(response, 400);
  expectErrorCode(response, 'VALIDATION_FAILED');
  const paths = (errorOf(response).details ?? []).map((detail) => detail.path);
  expectThat(
    paths.includes(path),
    `${response.route} named ${paths.length === 0 ? 'no field' : paths.join(', ')}, expected ${path}`,
  );
}
