import { useState } from 'preact/hooks';
import { LiveIndicator } from '../../components/live-indicator';
import { Page } from '../../components/page';
import { useConfig } from '../../hooks/config-context';
import { useLogStream } from '../../hooks/use-log-stream';
import { formatCount } from '../../lib/format';
import { type LogFilter, MAX_LOG_LINES, NO_LOG_FILTER } from '../../lib/log-lines';
import { LogFilters } from './log-filters';
import { LogList } from './log-list';

/** The functions' log lines as they are written, filtered on the server. */
export function LogsView() {
  const { logLevels } = useConfig();
  const [filter, setFilter] = useState<LogFilter>(NO_LOG_FILTER);
  const stream = useLogStream(filter, logLevels);
  return (
    <Page
      title="Logs"
      actions={<LiveIndicator subject="Logs" state={stream.state} problem={stream.problem} />}
    >
      <LogFilters filter={filter} onChange={setFilter} onClear={stream.clear} />
      <p class="muted page-intro">
        {formatCount(stream.lines.length)} line{stream.lines.length === 1 ? '' : 's'} (the page keeps the
        latest {formatCount(MAX_LOG_LINES)}).
      </p>
      <LogList lines={stream.lines} />
    </Page>
  );
}
