import { useId, useState } from 'preact/hooks';
import type { TaskList as TaskListAnswer } from '../../../api-types';
import { BusyButton } from '../../components/busy-button';
import { ErrorMessage } from '../../components/error-message';
import { useConfig } from '../../hooks/config-context';
import { useApiGet } from '../../hooks/use-api-get';
import { formatDateTime } from '../../lib/format';
import { taskHref } from '../../lib/router';
import { StatusBadge } from './status-badge';

const LIMIT = 50;

/** The most recent tasks, optionally of one status; each row opens its task. */
export function TaskList({ selected }: { readonly selected: string | undefined }) {
  const { taskStatuses } = useConfig();
  const statusId = useId();
  const [status, setStatus] = useState('');
  const query = new URLSearchParams({ status, limit: String(LIMIT) });
  const { data, error, loading, reload } = useApiGet<TaskListAnswer>(`/api/tasks?${query.toString()}`);
  return (
    <section class="panel" aria-labelledby="recent-tasks-heading">
      <div class="panel-header">
        <h2 id="recent-tasks-heading">Recent tasks</h2>
        <div class="toolbar">
          <label for={statusId}>Status</label>
          <select
            id={statusId}
            class="input"
            value={status}
            onChange={(event) => setStatus(event.currentTarget.value)}
          >
            <option value="">Any status</option>
            {taskStatuses.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <BusyButton type="button" class="button" onClick={reload} busy={loading}>
            Refresh
          </BusyButton>
        </div>
      </div>
      <ErrorMessage action="Could not list the tasks" error={error} />
      {data?.complete === false ? (
        <p class="notice" role="note">
          The task table is large: this list is the newest of the tasks read in one scan, and may miss some.
          Look a task up by its id above.
        </p>
      ) : null}
      {data === undefined ? (
        loading ? (
          <p class="muted">Loading…</p>
        ) : null
      ) : data.tasks.length === 0 ? (
        <p class="muted">No tasks{status === '' ? '' : ` with status ${status}`} yet.</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table" aria-labelledby="recent-tasks-heading">
            <thead>
              <tr>
                <th scope="col">Task id</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col" class="numeric">
                  Attempts
                </th>
                <th scope="col">Created</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {data.tasks.map((task) => (
                <tr key={task.taskId} class={task.taskId === selected ? 'selected' : undefined}>
                  <th scope="row">
                    <a
                      href={taskHref(task.taskId)}
                      {...(task.taskId === selected ? { 'aria-current': 'true' } : {})}
                    >
                      <code>{task.taskId}</code>
                    </a>
                  </th>
                  <td>{task.type}</td>
                  <td>
                    <StatusBadge status={task.status} />
                  </td>
                  <td class="numeric">{task.attempts}</td>
                  <td class="nowrap">{formatDateTime(task.createdAt)}</td>
                  <td class="nowrap">{formatDateTime(task.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
