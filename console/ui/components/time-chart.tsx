import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { useColorScheme } from '../hooks/use-color-scheme';
import { pad } from '../lib/format';
import type { ChartData } from '../lib/overview-series';

export interface ChartSeries {
  readonly label: string;
  /** The CSS custom property holding the line colour, e.g. `--chart-1`. */
  readonly colorVar: string;
}

interface Props {
  readonly title: string;
  readonly series: readonly ChartSeries[];
  readonly data: ChartData;
  /** Formats a y value for the axis and the legend. */
  readonly format: (value: number) => string;
  /** The chart in words (latest values), for those who cannot see the canvas. */
  readonly summary: string;
}

const HEIGHT = 150;

/** Axis ticks as local `HH:mm`: the window is minutes long, so the date adds nothing. */
const clockTicks = (_plot: uPlot, splits: number[]): string[] =>
  splits.map((epochSeconds) => {
    const date = new Date(epochSeconds * 1000);
    return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  });

/**
 * A small time chart drawn by uPlot. Colours come from the stylesheet's custom properties, so the
 * chart is rebuilt when the system switches between light and dark; new data only redraws it.
 */
export function TimeChart({ title, series, data, format, summary }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const scheme = useColorScheme();
  const latestData = useRef(data);
  latestData.current = data;
  const seriesKey = series.map((entry) => `${entry.label}:${entry.colorVar}`).join('|');

  useEffect(() => {
    const element = container.current;
    if (element === null) return undefined;
    const styles = getComputedStyle(element);
    const color = (name: string) => styles.getPropertyValue(name).trim() || 'currentColor';
    const axis: uPlot.Axis = {
      stroke: color('--text-muted'),
      grid: { stroke: color('--chart-grid'), width: 1 },
      ticks: { stroke: color('--chart-grid'), width: 1 },
      font: '11px system-ui, sans-serif',
    };
    const created = new uPlot(
      {
        width: Math.max(element.clientWidth, 200),
        height: HEIGHT,
        legend: { show: true, live: true },
        cursor: { drag: { x: false, y: false } },
        scales: { y: { range: (_plot, _min, max) => [0, max > 0 ? max * 1.15 : 1] } },
        axes: [
          { ...axis, space: 60, size: 28, values: clockTicks },
          { ...axis, size: 48, values: (_plot, values) => values.map((value) => format(value)) },
        ],
        series: [
          {},
          ...series.map((entry) => ({
            label: entry.label,
            stroke: color(entry.colorVar),
            width: 1.5,
            points: { show: false },
            // Blank while the cursor is off the chart, rather than a dash per series.
            value: (_plot: uPlot, value: number | null) => (value === null ? '' : format(value)),
          })),
        ],
      },
      latestData.current,
      element,
    );
    plot.current = created;
    const resize = new ResizeObserver(() => {
      created.setSize({ width: Math.max(element.clientWidth, 200), height: HEIGHT });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      created.destroy();
      plot.current = null;
    };
    // format and series are new objects on each render; what matters of them is in seriesKey.
  }, [seriesKey, scheme]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return (
    <figure class="chart">
      <figcaption class="chart-title">{title}</figcaption>
      <div ref={container} class="chart-canvas" role="img" aria-label={`${title}: ${summary}`} />
    </figure>
  );
}
