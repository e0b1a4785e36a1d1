import type { Liveness } from '../contract/api-types';
import { expectStatus, expectThat } from '../support/expect';
import type { Scenario } from './scenario';

/** `GET /api/data` without a signature answers 200, and echoes the correlation id it was sent. */
export const liveness: Scenario = {
  name: 'liveness',
  async run(context) {
    const correlationId = context.correlationId('liveness');
    const response = await context.api.send({
      method: 'GET',
      path: '/api/data',
      signing: 'unsigned',
      headers: { 'x-correlation-id': correlationId },
    });
    expectStatus(response, 200);
    expectThat(
      typeof (response.body as Liveness).message === 'string',
      `${response.route} answered no message`,
    );
    const echoed = response.headers.get('x-correlation-id');
    expectThat(
      echoed === correlationId,
      `${response.route} echoed correlation id ${echoed}, expected ${correlationId}`,
    );
  },
};
