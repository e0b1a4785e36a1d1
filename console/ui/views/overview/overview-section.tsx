import { useMemo } from 'preact/hooks';
import type { ConsoleConfig, OverviewSample } from '../../../api-types';
import { namesInOrder } from '../../lib/overview-series';
import { ChartGrid } from './chart-grid';
import { OverviewTable } from './overview-table';
import type { OverviewSectionSpec } from './section-spec';

interface Props<Row extends { readonly name: string }> {
  readonly spec: OverviewSectionSpec<Row>;
  readonly config: ConsoleConfig;
  readonly samples: readonly OverviewSample[];
  readonly latest: OverviewSample | undefined;
}

const NONE: readonly never[] = [];

/** One part of the overview: a table of the latest sample's rows, then a chart per row. */
export function OverviewSection<Row extends { readonly name: string }>({
  spec,
  config,
  samples,
  latest,
}: Props<Row>) {
  const reported = latest === undefined ? NONE : spec.reported(latest);
  // Stable between samples, so the charts are recomputed only when a sample arrives.
  const names = useMemo(
    () =>
      namesInOrder(
        spec.configured(config),
        reported.map((row) => row.name),
      ),
    [spec, config, reported],
  );
  return (
    <section class="panel" aria-labelledby={spec.headingId}>
      <h2 id={spec.headingId}>{spec.title}</h2>
      {names.length === 0 ? <p class="muted">{spec.emptyText}</p> : null}
      <OverviewTable spec={spec} config={config} names={names} reported={reported} />
      <ChartGrid chart={spec.chart} names={names} samples={samples} />
    </section>
  );
}
