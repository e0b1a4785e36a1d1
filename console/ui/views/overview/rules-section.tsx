import { useMemo } from 'preact/hooks';
import type { ConsoleConfig, OverviewSample } from '../../../api-types';
import { TimeChart } from '../../components/time-chart';
import { formatCount, formatRate, NOT_AVAILABLE } from '../../lib/format';
import { latestValue, namesInOrder, ruleSeries } from '../../lib/overview-series';

interface Props {
  readonly config: ConsoleConfig;
  readonly samples: readonly OverviewSample[];
  readonly latest: OverviewSample | undefined;
}

const NONE: readonly never[] = [];

const SERIES = [{ label: 'Matched/s', colorVar: '--chart-3' }];

/** Each event rule: what it matched and what it could not deliver. */
export function RulesSection({ config, samples, latest }: Props) {
  const reported = latest?.rules ?? NONE;
  // Stable between samples, so the charts below are recomputed only when a sample arrives.
  const names = useMemo(
    () =>
      namesInOrder(
        config.rules.map((rule) => rule.name),
        reported.map((rule) => rule.name),
      ),
    [config, reported],
  );
  const charts = useMemo(
    () => names.map((name) => ({ name, data: ruleSeries(samples, name) })),
    [names, samples],
  );
  const busOf = (name: string) =>
    reported.find((rule) => rule.name === name)?.eventBusName ??
    config.rules.find((rule) => rule.name === name)?.eventBusName;
  return (
    <section class="panel" aria-labelledby="rules-heading">
      <h2 id="rules-heading">Rules</h2>
      {names.length === 0 ? <p class="muted">This stack has no rules.</p> : null}
      <div class="table-scroll">
        <table class="data-table" aria-labelledby="rules-heading">
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Event bus</th>
              <th scope="col" class="numeric">
                Matched events
              </th>
              <th scope="col" class="numeric">
                Failed deliveries
              </th>
            </tr>
          </thead>
          <tbody>
            {names.map((name) => {
              const row = reported.find((rule) => rule.name === name);
              return (
                <tr key={name} data-rule={name}>
                  <th scope="row">{name}</th>
                  <td>{busOf(name) ?? NOT_AVAILABLE}</td>
                  <td class="numeric">{row ? formatCount(row.matchedEvents) : NOT_AVAILABLE}</td>
                  <td class={`numeric${row && row.failedDeliveries > 0 ? ' attention' : ''}`}>
                    {row ? formatCount(row.failedDeliveries) : NOT_AVAILABLE}
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
              format={formatRate}
              summary={`${formatRate(latestValue(data[1]))} matched`}
            />
          );
        })}
      </div>
    </section>
  );
}
