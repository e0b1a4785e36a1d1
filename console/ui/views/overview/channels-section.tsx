import type { ChannelOverview } from '../../../api-types';
import { formatAge, formatCount } from '../../lib/format';
import { channelSeries, latestValue } from '../../lib/overview-series';
import { viewHref } from '../../lib/router';
import type { OverviewSectionSpec } from './section-spec';

/** Each channel's queue: what waits, what is being worked on, what went to its dead-letter queue. */
export const CHANNELS_SECTION: OverviewSectionSpec<ChannelOverview> = {
  title: 'Channels',
  headingId: 'channels-heading',
  emptyText: 'This stack has no channels.',
  rowHeader: 'Channel',
  rowAttribute: 'data-channel',
  configured: (config) => config.channels.map((channel) => channel.name),
  reported: (sample) => sample.channels,
  columns: [
    {
      header: 'Kind',
      value: (row) => row.kind,
      unreported: (name, config) => config.channels.find((channel) => channel.name === name)?.kind,
    },
    { header: 'Queued', numeric: true, value: (row) => formatCount(row.queued) },
    { header: 'In flight', numeric: true, value: (row) => formatCount(row.inFlight) },
    { header: 'Delayed', numeric: true, value: (row) => formatCount(row.delayed) },
    { header: 'Oldest message', numeric: true, value: (row) => formatAge(row.oldestMessageAgeSeconds) },
    {
      header: 'DLQ depth',
      numeric: true,
      value: (row) =>
        row.deadLetters > 0 ? (
          <a class="attention" href={viewHref('dead-letters')}>
            {formatCount(row.deadLetters)}
          </a>
        ) : (
          '0'
        ),
    },
  ],
  chart: {
    series: [
      { label: 'Queued', colorVar: '--chart-1' },
      { label: 'In flight', colorVar: '--chart-2' },
    ],
    format: formatCount,
    summary: (data) => `${formatLatest(data[1])} queued, ${formatLatest(data[2])} in flight`,
    data: channelSeries,
  },
};

const formatLatest = (series: readonly (number | null)[] | undefined): string => {
  const value = latestValue(series);
  return value === null ? 'unknown' : formatCount(value);
};
