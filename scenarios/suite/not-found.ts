import { randomUUID } from 'node:crypto';
import { expectErrorCode, expectStatus } from '../support/expect';
import type { Scenario } from './scenario';

/** A task id and a correlation id nothing ever carried are 404 NOT_FOUND. */
export const notFound: Scenario = {
  name: 'unknown task and flow are 404',
  async run(context) {
    for (const path of [`/tasks/${randomUUID()}`, `/flows/${context.correlationId('never-used')}`]) {
      const response = await context.api.send({ method: 'GET', path });
      expectStatus(response, 404);
      expectErrorCode(response, 'NOT_FOUND');
    }
  },
};
