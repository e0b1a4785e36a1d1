import type { RuleOverview } from '../../../api-types';
import { formatCount, formatRate } from '../../lib/format';
import { latestValue, ruleSeries } from '../../lib/overview-series';
import type { OverviewSectionSpec } from './section-spec';

/** Each event rule: what it matched and what it could not deliver. */
export const RULES_SECTION: OverviewSectionSpec<RuleOverview> = {
  title: 'Rules',
  headingId: 'rules-heading',
  emptyText: 'This stack has no rules.',
  rowHeader: 'Rule',
  rowAttribute: 'data-rule',
  configured: (config) => config.rules.map((rule) => rule.name),
  reported: (sample) => sample.rules,
  columns: [
    {
      header: 'Event bus',
      value: (row) => row.eventBusName,
      unreported: (name, config) => config.rules.find((rule) => rule.name === name)?.eventBusName,
    },
    { header: 'Matched events', numeric: true, value: (row) => formatCount(row.matchedEvents) },
    {
      header: 'Failed deliveries',
      numeric: true,
      value: (row) => formatCount(row.failedDeliveries),
      attention: (row) => row.failedDeliveries > 0,
    },
  ],
  chart: {
    series: [{ label: 'Matched/s', colorVar: '--chart-3' }],
    format: formatRate,
    summary: (data) => `${formatRate(latestValue(data[1]))} matched`,
    data: ruleSeries,
  },
};
