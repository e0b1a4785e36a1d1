/** What the matcher benchmark runs: 100 rule patterns and 100 events to test against them. */
export interface MatcherWorkload {
  readonly patterns: readonly string[];
  readonly events: readonly object[];
}

/**
 * 100 patterns of the shapes rules use (exact, prefix, numeric, anything-but, exists, $or) and
 * 100 events of one bus, shared by the benchmark and by the test that the rule-set matcher
 * agrees with testing each pattern alone on this very workload.
 */
export const matcherWorkload = (region = 'us-east-1'): MatcherWorkload => ({
  patterns: Array.from({ length: 100 }, (_, i) => {
    switch (i % 6) {
      case 0:
        return JSON.stringify({ source: [`com.example.s${i}`], 'detail-type': ['order.placed'] });
      case 1:
        return JSON.stringify({ detail: { data: { orderId: [{ prefix: `o-${i}` }] } } });
      case 2:
        return JSON.stringify({
          detail: { data: { amount: [{ numeric: ['>=', i * 10, '<', i * 10 + 500] }] } },
        });
      case 3:
        return JSON.stringify({ detail: { data: { currency: [{ 'anything-but': ['USD', `X${i}`] }] } } });
      case 4:
        return JSON.stringify({ detail: { data: { customer: [{ exists: i % 2 === 0 }] } } });
      default:
        return JSON.stringify({
          $or: [{ source: [`com.example.s${i}`] }, { detail: { data: { orderId: [`o-${i}`] } } }],
        });
    }
  }),
  events: Array.from({ length: 100 }, (_, i) => ({
    version: '0',
    id: `id-${i}`,
    'detail-type': 'order.placed',
    source: `com.example.s${i}`,
    account: '000000000000',
    time: '2026-11-29T12:00:00Z',
    region,
    resources: [],
    detail: { data: { orderId: `o-${i}`, amount: i * 37, currency: i % 3 ? 'EUR' : 'USD' } },
  })),
});
