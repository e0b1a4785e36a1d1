import type { EventEnvelope } from '../../../../local/eventbridge/records/eventbridge-records';

/** An `order.placed` envelope around `detail`, as EventBridge delivers it to targets. */
export const eventEnvelope = (detail: unknown, overrides: Partial<EventEnvelope> = {}): EventEnvelope => ({
  version: '0',
  id: 'e-1',
  'detail-type': 'order.placed',
  source: 'shop',
  account: '000000000000',
  time: '2026-01-01T00:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail,
  ...overrides,
});
