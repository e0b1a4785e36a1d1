import type { ComponentChildren } from 'preact';
import type { ConsoleConfig, OverviewSample } from '../../../api-types';
import type { ChartSeries } from '../../components/time-chart';
import type { ChartData } from '../../lib/overview-series';

/** One table column of an overview section, after the row's name. */
export interface OverviewColumn<Row> {
  readonly header: string;
  /** Right-aligned, for numbers. */
  readonly numeric?: boolean;
  /** What the latest sample says of the row. */
  readonly value: (row: Row) => ComponentChildren;
  /** What to show when the latest sample does not report the name; not available by default. */
  readonly unreported?: (name: string, config: ConsoleConfig) => ComponentChildren;
  /** Marks the cell for the operator's attention, e.g. errors above zero. */
  readonly attention?: (row: Row) => boolean;
}

/** The small chart drawn for each name of an overview section. */
export interface OverviewChart {
  readonly series: readonly ChartSeries[];
  /** Formats a y value for the axis and the legend. */
  readonly format: (value: number) => string;
  /** The chart's data for one name over the samples. */
  readonly data: (samples: readonly OverviewSample[], name: string) => ChartData;
  /** The chart in words, for those who cannot see the canvas. */
  readonly summary: (data: ChartData) => string;
}

/**
 * What one part of the overview (channels, functions, rules) shows. A module-level constant, so
 * the section's memoized names and charts depend on the samples only.
 */
export interface OverviewSectionSpec<Row extends { readonly name: string }> {
  /** The heading, which also names the table. */
  readonly title: string;
  readonly headingId: string;
  /** Shown when neither the configuration nor the samples name anything. */
  readonly emptyText: string;
  /** The header of the first column, which holds each row's name. */
  readonly rowHeader: string;
  /** The attribute carrying each row's name, which the browser tests select on. */
  readonly rowAttribute: `data-${string}`;
  /** Names in the configuration's order. */
  readonly configured: (config: ConsoleConfig) => readonly string[];
  /** The rows a sample reports. */
  readonly reported: (sample: OverviewSample) => readonly Row[];
  readonly columns: readonly OverviewColumn<Row>[];
  readonly chart: OverviewChart;
}
