import { LiveIndicator } from '../../components/live-indicator';
import { Page } from '../../components/page';
import { useConfig } from '../../hooks/config-context';
import { useOverviewStream } from '../../hooks/use-overview-stream';
import { formatDateTime } from '../../lib/format';
import { CHANNELS_SECTION } from './channels-section';
import { FUNCTIONS_SECTION } from './functions-section';
import { OverviewSection } from './overview-section';
import { RULES_SECTION } from './rules-section';

/** The running stack at a glance, updated live from the overview stream. */
export function OverviewView() {
  const config = useConfig();
  const overview = useOverviewStream();
  const { samples, latest } = overview;
  return (
    <Page
      title="Overview"
      actions={<LiveIndicator subject="Overview" state={overview.state} problem={overview.problem} />}
    >
      <p class="muted page-intro">
        {latest === undefined
          ? 'Waiting for the first sample…'
          : `Sampled ${formatDateTime(latest.at)}; charts show the last ${chartMinutes(samples)} min.`}
      </p>
      <OverviewSection spec={CHANNELS_SECTION} config={config} samples={samples} latest={latest} />
      <OverviewSection spec={FUNCTIONS_SECTION} config={config} samples={samples} latest={latest} />
      <OverviewSection spec={RULES_SECTION} config={config} samples={samples} latest={latest} />
    </Page>
  );
}

const chartMinutes = (samples: ReadonlyArray<{ readonly at: number }>): number => {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (first === undefined || last === undefined) return 0;
  return Math.max(1, Math.round((last.at - first.at) / 60_000));
};
