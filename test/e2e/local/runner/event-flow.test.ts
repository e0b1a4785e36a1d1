import { E2E_TIMEOUT_MS, startTestCloud, type TestCloud } from './support/local-cloud-fixture';
import { pollUntil } from './support/poll-until';
import { signedRequest } from './support/signed-api';

jest.setTimeout(E2E_TIMEOUT_MS);

interface TimelineEntry {
  readonly kind: string;
  readonly type?: string;
  readonly event?: string;
  readonly subscription?: string;
}

/**
 * The event channel as the template wires it, run by the runner: the bus, its rules with SQS
 * targets, the subscriptions' event source mappings and the flow recorder, observed through the
 * public API only.
 */
describe('the event channel on the local cloud', () => {
  let test: TestCloud;

  beforeAll(async () => {
    test = await startTestCloud();
  });

  afterAll(async () => {
    await test?.stop();
  });

  const timelineOf = (correlationId: string, until: (timeline: TimelineEntry[]) => boolean) =>
    pollUntil(`the flow ${correlationId}`, async () => {
      const response = await signedRequest(test.cloud, 'GET', `/flows/${correlationId}`);
      const timeline = (response.body as { timeline?: TimelineEntry[] }).timeline ?? [];
      return response.status === 200 && until(timeline) ? timeline : undefined;
    });

  it("should record a task's outcome event, published by the worker and consumed through the bus", async () => {
    // Arrange
    const correlationId = `runner-task-${Date.now()}`;

    // Act
    const submitted = await signedRequest(
      test.cloud,
      'POST',
      '/tasks',
      { type: 'hello', payload: { name: 'Grace' } },
      { 'x-correlation-id': correlationId },
    );
    const timeline = await timelineOf(correlationId, (entries) =>
      entries.some((entry) => entry.kind === 'EVENT_PUBLISHED' && entry.type === 'task.succeeded'),
    );

    // Assert
    expect(submitted.status).toBe(202);
    expect(timeline.filter((entry) => entry.kind === 'TASK').map((entry) => entry.event)).toEqual(
      expect.arrayContaining(['ACCEPTED', 'STARTED', 'SUCCEEDED']),
    );
  });

  it('should route a published business event to the subscriptions whose rules match', async () => {
    // Arrange
    const correlationId = `runner-order-${Date.now()}`;

    // Act
    const published = await signedRequest(
      test.cloud,
      'POST',
      '/events',
      {
        events: [
          {
            type: 'order.placed',
            source: 'com.example.shop',
            data: { orderId: 'o-1', amount: 5000, currency: 'EUR', customer: { customerId: 'c-1' } },
          },
        ],
      },
      { 'x-correlation-id': correlationId },
    );
    const timeline = await timelineOf(
      correlationId,
      (entries) => entries.filter((entry) => entry.kind === 'EVENT_CONSUMED').length >= 1,
    );

    // Assert
    expect(published.status).toBe(202);
    expect(timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'EVENT_PUBLISHED', type: 'order.placed' }),
        expect.objectContaining({ kind: 'EVENT_CONSUMED', type: 'order.placed' }),
      ]),
    );
  });

  it('should count, per rule, the events it matched and no failed delivery', async () => {
    // Arrange
    const correlationId = `runner-rule-stats-${Date.now()}`;
    const before = test.cloud.ruleStats();

    // Act
    await signedRequest(
      test.cloud,
      'POST',
      '/events',
      {
        events: [
          {
            type: 'order.placed',
            source: 'com.example.shop',
            data: { orderId: 'o-2', amount: 5000, currency: 'EUR', customer: { customerId: 'c-2' } },
          },
        ],
      },
      { 'x-correlation-id': correlationId },
    );
    await timelineOf(correlationId, (entries) => entries.some((entry) => entry.kind === 'EVENT_CONSUMED'));
    const after = test.cloud.ruleStats();

    // Assert: the template's rules, the same before and after, and at least one matched the event
    const ruleNames = (stats: typeof after) => stats.map((rule) => `${rule.eventBusName}/${rule.name}`);
    expect(after.length).toBeGreaterThan(0);
    expect(ruleNames(after)).toEqual(ruleNames(before));
    expect(after.some((rule, i) => rule.matchedEvents > (before[i]?.matchedEvents ?? 0))).toBe(true);
    expect(after.every((rule) => rule.failedDeliveries === 0)).toBe(true);
  });
});
