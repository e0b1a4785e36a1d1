import { useMemo } from 'preact/hooks';
import type { ConsoleConfig, OverviewSample } from '../../../api-types';
import { TimeChart } from '../../components/time-chart';
import { formatAge, formatCount, NOT_AVAILABLE } from '../../lib/format';
import { channelSeries, latestValue, namesInOrder } from '../../lib/overview-series';
import { viewHref } from '../../lib/router';

interface Props {
  readonly config: ConsoleConfig;
  readonly samples: readonly OverviewSample[];
  readonly latest: OverviewSample | undefined;
}

const NONE: readonly never[] = [];

const SERIES = [
  { label: 'Queued', colorVar: '--chart-1' },
  { label: 'In flight', colorVar: '--chart-2' },
];

/** Each channel's queue: what waits, what is being worked on, what went to its dead-letter queue. */
export function ChannelsSection({ config, samples, latest }: Props) {
  const reported = latest?.channels ?? NONE;
  // Stable between samples, so the charts below are recomputed only when a sample arrives.
  const names = useMemo(
    () =>
      namesInOrder(
        config.channels.map((channel) => channel.name),
        reported.map((channel) => channel.name),
      ),
    [config, reported],
  );
  const charts = useMemo(
    () => names.map((name) => ({ name, data: channelSeries(samples, name) })),
    [names, samples],
  );
  const kindOf = (name: string) =>
    reported.find((channel) => channel.name === name)?.kind ??
    config.channels.find((channel) => channel.name === name)?.kind;
  return (
    <section class="panel" aria-labelledby="channels-heading">
      <h2 id="channels-heading">Channels</h2>
      {names.length === 0 ? <p class="muted">This stack has no channels.</p> : null}
      <div class="table-scroll">
        <table class="data-table" aria-labelledby="channels-heading">
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col">Kind</th>
              <th scope="col" class="numeric">
                Queued
              </th>
              <th scope="col" class="numeric">
                In flight
              </th>
              <th scope="col" class="numeric">
                Delayed
              </th>
              <th scope="col" class="numeric">
                Oldest message
              </th>
              <th scope="col" class="numeric">
                DLQ depth
              </th>
            </tr>
          </thead>
          <tbody>
            {names.map((name) => {
              const row = reported.find((channel) => channel.name === name);
              return (
                <tr key={name} data-channel={name}>
                  <th scope="row">{name}</th>
                  <td>{kindOf(name) ?? NOT_AVAILABLE}</td>
                  <td class="numeric">{row ? formatCount(row.queued) : NOT_AVAILABLE}</td>
                  <td class="numeric">{row ? formatCount(row.inFlight) : NOT_AVAILABLE}</td>
                  <td class="numeric">{row ? formatCount(row.delayed) : NOT_AVAILABLE}</td>
                  <td class="numeric">{row ? formatAge(row.oldestMessageAgeSeconds) : NOT_AVAILABLE}</td>
                  <td class="numeric">
                    {row === undefined ? (
                      NOT_AVAILABLE
                    ) : row.deadLetters > 0 ? (
                      <a class="attention" href={viewHref('dead-letters')}>
                        {formatCount(row.deadLetters)}
                      </a>
                    ) : (
                      '0'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div class="chart-grid">
        {charts.map(({ name, data }) => {
          return (
            <TimeChart
              key={name}
              title={name}
              series={SERIES}
              data={data}
              format={formatCount}
              summary={`${formatLatest(data[1])} queued, ${formatLatest(data[2])} in flight`}
            />
          );
        })}
      </div>
    </section>
  );
}

const formatLatest = (series: readonly (number | null)[] | undefined): string => {
  const value = latestValue(series);
  return value === null ? 'unknown' : formatCount(value);
};
