import type { FunctionOverview } from '../../../api-types';
import { formatCount, formatDuration, formatRate } from '../../lib/format';
import { functionSeries, latestValue } from '../../lib/overview-series';
import type { OverviewSectionSpec } from './section-spec';

/** Each function's work: how often it ran, how it failed, how long it took, how warm it is. */
export const FUNCTIONS_SECTION: OverviewSectionSpec<FunctionOverview> = {
  title: 'Functions',
  headingId: 'functions-heading',
  emptyText: 'This stack has no functions.',
  rowHeader: 'Function',
  rowAttribute: 'data-function',
  configured: (config) => config.functions,
  reported: (sample) => sample.functions,
  columns: [
    { header: 'Invocations', numeric: true, value: (row) => formatCount(row.invocations) },
    {
      header: 'Errors',
      numeric: true,
      value: (row) => formatCount(row.errors),
      attention: (row) => row.errors > 0,
    },
    {
      header: 'Throttles',
      numeric: true,
      value: (row) => formatCount(row.throttles),
      attention: (row) => row.throttles > 0,
    },
    { header: 'Duration p50', numeric: true, value: (row) => formatDuration(row.durationP50Ms) },
    { header: 'Duration p99', numeric: true, value: (row) => formatDuration(row.durationP99Ms) },
    { header: 'Cold starts', numeric: true, value: (row) => formatCount(row.coldStarts) },
    {
      header: 'Environments',
      numeric: true,
      value: (row) => (
        <span title={`${row.running} running now`}>
          {formatCount(row.environments)}
          <span class="muted"> ({formatCount(row.running)} busy)</span>
        </span>
      ),
    },
  ],
  chart: {
    series: [
      { label: 'Invocations/s', colorVar: '--chart-1' },
      { label: 'Errors/s', colorVar: '--chart-error' },
    ],
    format: formatRate,
    summary: (data) =>
      `${formatRate(latestValue(data[1]))} invocations, ${formatRate(latestValue(data[2]))} errors`,
    data: functionSeries,
  },
};
