import type { TaskDetail } from '../../../api-types';
import { formatDateTime, NOT_AVAILABLE } from '../../lib/format';
import { StatusBadge } from './status-badge';

/** The task's attempts and state changes, oldest first, as the task record keeps them. */
export function TaskHistory({ history }: { readonly history: NonNullable<TaskDetail['history']> }) {
  return (
    <div class="subsection">
      <h3 id="task-history-heading">Attempt history</h3>
      {history.length === 0 ? (
        <p class="muted">No history recorded.</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table" aria-labelledby="task-history-heading">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Event</th>
                <th scope="col" class="numeric">
                  Attempt
                </th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {history.map((entry, index) => (
                // History entries have no id and never reorder: their position is their identity.
                <tr key={index}>
                  <td class="nowrap">{formatDateTime(entry.at)}</td>
                  <td>
                    <StatusBadge status={entry.event} />
                  </td>
                  <td class="numeric">{entry.attempt ?? NOT_AVAILABLE}</td>
                  <td class="wrap">{entry.message ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
