import type { DeadLetterPeek } from '../../../api-types';
import { JsonBlock } from '../../components/json-block';
import { formatDateTime, NOT_AVAILABLE } from '../../lib/format';
import { taskHref } from '../../lib/router';
import { StatusBadge } from '../tasks/status-badge';

/** The peeked messages: why each failed (first and last error), how often, and what it carried. */
export function DeadLetterMessages({ peek }: { readonly peek: DeadLetterPeek }) {
  if (peek.messages.length === 0) return <p class="muted">The dead-letter queue is empty.</p>;
  return (
    <div class="table-scroll">
      <table class="data-table dead-letters" aria-label={`Dead letters of ${peek.channel}`}>
        <thead>
          <tr>
            <th scope="col">Message</th>
            <th scope="col" class="numeric">
              Receives
            </th>
            <th scope="col">Sent</th>
            <th scope="col">First error</th>
            <th scope="col">Last error</th>
            <th scope="col">Body</th>
          </tr>
        </thead>
        <tbody>
          {peek.messages.map((message) => (
            <tr key={message.messageId}>
              <th scope="row">
                <code class="break">{message.messageId}</code>
                {message.task === undefined || message.task === null ? null : (
                  <div class="cell-note">
                    <a href={taskHref(message.task.taskId)}>Task</a>{' '}
                    <StatusBadge status={message.task.status} />
                  </div>
                )}
              </th>
              <td class="numeric">{message.receiveCount}</td>
              <td class="nowrap">{formatDateTime(message.sentAt)}</td>
              <td class="wrap">{message.firstError ?? NOT_AVAILABLE}</td>
              <td class="wrap">
                {message.lastError ?? NOT_AVAILABLE}
                {message.errorSource === null || message.errorSource === '' ? null : (
                  <div class="cell-note muted">from {message.errorSource}</div>
                )}
              </td>
              <td class="body-cell">
                <details>
                  <summary>Show body</summary>
                  <JsonBlock value={message.body} label={`Body of message ${message.messageId}`} />
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
