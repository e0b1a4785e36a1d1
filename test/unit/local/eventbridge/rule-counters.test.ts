import { RuleCounters } from '../../../../local/eventbridge/engine/rule-counters';
import type { RuleRecord } from '../../../../local/eventbridge/records/eventbridge-records';

const aRule = (name: string, busName = 'default'): RuleRecord => ({
  name,
  busName,
  arn: `arn:aws:events:us-east-1:000000000000:rule/${busName}/${name}`,
  eventPattern: '{}',
  state: 'ENABLED',
  createdAt: 0,
});

describe('RuleCounters', () => {
  it('should list every rule given, with zeros for one that saw nothing', () => {
    // Arrange
    const counters = new RuleCounters();
    const orders = aRule('orders');
    const refunds = aRule('refunds', 'shop');
    counters.matched(orders.arn);
    counters.matched(orders.arn);
    counters.failed(orders.arn);

    // Act
    const stats = counters.statsOf([orders, refunds]);

    // Assert
    expect(stats).toEqual([
      { name: 'orders', eventBusName: 'default', matchedEvents: 2, failedDeliveries: 1 },
      { name: 'refunds', eventBusName: 'shop', matchedEvents: 0, failedDeliveries: 0 },
    ]);
  });

  it('should start a forgotten rule from zero', () => {
    // Arrange
    const counters = new RuleCounters();
    const orders = aRule('orders');
    counters.matched(orders.arn);

    // Act
    counters.forget(orders.arn);

    // Assert
    expect(counters.statsOf([orders])).toEqual([
      { name: 'orders', eventBusName: 'default', matchedEvents: 0, failedDeliveries: 0 },
    ]);
  });

  it('should drop the counts of a rule that no longer exists, so it does not come back', () => {
    // Arrange: a delivery failed after its rule was deleted
    const counters = new RuleCounters();
    const deleted = aRule('deleted');
    counters.failed(deleted.arn);

    // Act
    const withoutIt = counters.statsOf([]);
    const recreated = counters.statsOf([deleted]);

    // Assert
    expect(withoutIt).toEqual([]);
    expect(recreated).toEqual([
      { name: 'deleted', eventBusName: 'default', matchedEvents: 0, failedDeliveries: 0 },
    ]);
  });
});
