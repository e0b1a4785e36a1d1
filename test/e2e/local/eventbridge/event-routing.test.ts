import { PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { type EventBridgeHarness, startEventBridgeHarness } from './eventbridge-harness';

describe('EventBridge routing to targets', () => {
  let harness: EventBridgeHarness;

  beforeAll(async () => {
    harness = await startEventBridgeHarness();
  });

  afterAll(async () => {
    await harness.stop();
  });

  it('should deliver a matching event to an SQS target as the event envelope', async () => {
    // Arrange
    const queue = await harness.createQueue('routing-envelope');
    await harness.eventBridge.send(
      new PutRuleCommand({
        Name: 'orders',
        EventPattern: JSON.stringify({ source: ['shop'], detail: { total: [{ numeric: ['>', 10] }] } }),
      }),
    );
    await harness.eventBridge.send(
      new PutTargetsCommand({ Rule: 'orders', Targets: [{ Id: 'q', Arn: queue.arn }] }),
    );

    // Act
    const result = await harness.eventBridge.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'shop', DetailType: 'order.placed', Detail: JSON.stringify({ total: 42 }) },
          { Source: 'shop', DetailType: 'order.placed', Detail: JSON.stringify({ total: 1 }) },
        ],
      }),
    );
    const messages = await harness.receive(queue.url, 1);

    // Assert
    expect(result.FailedEntryCount).toBe(0);
    expect(messages).toHaveLength(1);
    const event = JSON.parse(messages[0]?.Body ?? '{}');
    expect(event).toMatchObject({
      version: '0',
      id: result.Entries?.[0]?.EventId,
      'detail-type': 'order.placed',
      source: 'shop',
      account: '000000000000',
      region: 'us-east-1',
      resources: [],
      detail: { total: 42 },
    });
    expect(event.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});
