import { expectErrorCode, expectStatus } from '../support/expect';
import { submitTask } from '../support/tasks';
import type { Scenario } from './scenario';

/** An `Idempotency-Key` reused with another body is refused with 409 CONFLICT. */
export const idempotencyConflict: Scenario = {
  name: 'conflicting idempotency key',
  async run(context) {
    const correlationId = context.correlationId('conflict');
    const idempotencyKey = `${correlationId}-key`;
    await submitTask(
      context,
      { type: 'hello', payload: { name: 'First' } },
      { correlationId, idempotencyKey },
    );
    const response = await context.api.send({
      method: 'POST',
      path: '/tasks',
      body: { type: 'hello', payload: { name: 'Second' } },
      headers: { 'x-correlation-id': correlationId, 'idempotency-key': idempotencyKey },
    });
    expectStatus(response, 409);
    expectErrorCode(response, 'CONFLICT');
  },
};
