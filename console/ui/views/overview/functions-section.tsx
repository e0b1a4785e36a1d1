import { useMemo } from 'preact/hooks';
import type { ConsoleConfig, OverviewSample } from '../../../api-types';
import { TimeChart } from '../../components/time-chart';
import { formatCount, formatDuration, formatRate, NOT_AVAILABLE } from '../../lib/format';
import { functionSeries, latestValue, namesInOrder } from '../../lib/overview-series';

interface Props {
  readonly config: ConsoleConfig;
  readonly samples: readonly OverviewSample[];
  readonly latest: OverviewSample | undefined;
}

const NONE: readonly never[] = [];

const SERIES = [
  { label: 'Invocations/s', colorVar: '--chart-1' },
  { label: 'Errors/s', colorVar: '--chart-error' },
];

/** Each function's work: how often it ran, how it failed, how long it took, how warm it is. */
export function FunctionsSection({ config, samples, latest }: Props) {
  const reported = latest?.functions ?? NONE;
  // Stable between samples, so the charts below are recomputed only when a sample arrives.
  const names = useMemo(
    () =>
      namesInOrder(
        config.functions,
        reported.map((fn) => fn.name),
      ),
    [config, reported],
  );
  const charts = useMemo(
    () => names.map((name) => ({ name, data: functionSeries(samples, name) })),
    [names, samples],
  );
  return (
    <section class="panel" aria-labelledby="functions-heading">
      <h2 id="functions-heading">Functions</h2>
      {names.length === 0 ? <p class="muted">This stack has no functions.</p> : null}
      <div class="table-scroll">
        <table class="data-table" aria-labelledby="functions-heading">
          <thead>
            <tr>
              <th scope="col">Function</th>
              <th scope="col" class="numeric">
                Invocations
              </th>
              <th scope="col" class="numeric">
                Errors
              </th>
              <th scope="col" class="numeric">
                Throttles
              </th>
              <th scope="col" class="numeric">
                Duration p50
              </th>
              <th scope="col" class="numeric">
                Duration p99
              </th>
              <th scope="col" class="numeric">
                Cold starts
              </th>
              <th scope="col" class="numeric">
                Environments
              </th>
            </tr>
          </thead>
          <tbody>
            {names.map((name) => {
              const row = reported.find((fn) => fn.name === name);
              return (
                <tr key={name} data-function={name}>
                  <th scope="row">{name}</th>
                  <td class="numeric">{row ? formatCount(row.invocations) : NOT_AVAILABLE}</td>
                  <td class={`numeric${row && row.errors > 0 ? ' attention' : ''}`}>
                    {row ? formatCount(row.errors) : NOT_AVAILABLE}
                  </td>
                  <td class={`numeric${row && row.throttles > 0 ? ' attention' : ''}`}>
                    {row ? formatCount(row.throttles) : NOT_AVAILABLE}
                  </td>
                  <td class="numeric">{row ? formatDuration(row.durationP50Ms) : NOT_AVAILABLE}</td>
                  <td class="numeric">{row ? formatDuration(row.durationP99Ms) : NOT_AVAILABLE}</td>
                  <td class="numeric">{row ? formatCount(row.coldStarts) : NOT_AVAILABLE}</td>
                  <td class="numeric">
                    {row ? (
                      <span title={`${row.running} running now`}>
                        {formatCount(row.environments)}
                        <span class="muted"> ({formatCount(row.running)} busy)</span>
                      </span>
                    ) : (
                      NOT_AVAILABLE
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
              format={formatRate}
              summary={`${formatRate(latestValue(data[1]))} invocations, ${formatRate(latestValue(data[2]))} errors`}
            />
          );
        })}
      </div>
    </section>
  );
}
