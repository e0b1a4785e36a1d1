import { useMemo } from 'preact/hooks';
import type { OverviewSample } from '../../../api-types';
import { TimeChart } from '../../components/time-chart';
import type { OverviewChart } from './section-spec';

interface Props {
  readonly chart: OverviewChart;
  readonly names: readonly string[];
  readonly samples: readonly OverviewSample[];
}

/** A chart per name, over the samples held. */
export function ChartGrid({ chart, names, samples }: Props) {
  // Series are computed over every sample: only again when the names or the samples change.
  const charts = useMemo(
    () => names.map((name) => ({ name, data: chart.data(samples, name) })),
    [chart, names, samples],
  );
  return (
    <div class="chart-grid">
      {charts.map(({ name, data }) => (
        <TimeChart
          key={name}
          title={name}
          series={chart.series}
          data={data}
          format={chart.format}
          summary={chart.summary(data)}
        />
      ))}
    </div>
  );
}
