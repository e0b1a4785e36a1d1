import { randomUUID } from 'node:crypto';
import type { ApiRequest } from '../http/api-client';
import { orderPlaced } from '../support/events';
import { expectThat } from '../support/expect';
import { readFlow } from '../support/flows';
import { sleep } from '../support/wait';
import type { Scenario } from './scenario';

/**
 * Every IAM route refuses a request without a signature, with a wrong secret, or whose body
 * changed after it was signed, with 403; and what was refused left nothing behind (no flow
 * carries the refused requests' correlation id).
 */
export const authentication: Scenario = {
  name: 'unsigned and wrongly signed requests refused',
  async run(context) {
    const correlationId = context.correlationId('refused');
    const headers = { 'x-correlation-id': correlationId };
    const refused: ApiRequest[] = [
      {
        method: 'POST',
        path: '/tasks',
        body: { type: 'hello', payload: { name: 'Unsigned' } },
        headers,
        signing: 'unsigned',
      },
      { method: 'GET', path: `/tasks/${randomUUID()}`, headers, signing: 'unsigned' },
      { method: 'GET', path: `/flows/${correlationId}`, headers, signing: 'wrong-secret' },
      {
        method: 'POST',
        path: '/tasks',
        body: { type: 'hello', payload: { name: 'Wrong secret' } },
        headers,
        signing: 'wrong-secret',
      },
      {
        method: 'POST',
        path: '/events',
        body: { events: [orderPlaced(`${correlationId}-changed`, 5000)] },
        headers,
        signing: 'body-changed-after-signing',
      },
    ];
    for (const request of refused) {
      const response = await context.api.send(request);
      expectThat(
        response.status === 403,
        `${response.route} ${request.signing}: answered ${response.status}, expected 403`,
      );
    }
    // An event wrongly accepted reaches the flow only once the flow recorder has consumed it.
    await sleep(context.timing.absenceGraceMs);
    const flow = await readFlow(context, correlationId);
    expectThat(flow === undefined, `refused requests left a flow behind under ${correlationId}`);
  },
};
