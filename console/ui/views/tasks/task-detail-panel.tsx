import type { TaskDetail } from '../../../api-types';
import { segment } from '../../api/http';
import { JsonBlock } from '../../components/json-block';
import { RecordPanel } from '../../components/record-panel';
import { formatDateTime } from '../../lib/format';
import { flowHref } from '../../lib/router';
import { StatusBadge } from './status-badge';
import { TaskHistory } from './task-history';

/** One task: its status, result or error, attempts, and the history of its attempts. */
export function TaskDetailPanel({ taskId }: { readonly taskId: string }) {
  return (
    <RecordPanel
      noun="Task"
      id={taskId}
      path={`/api/tasks/${segment(taskId)}`}
      headingId="task-heading"
      testId="task-detail"
    >
      {(task: TaskDetail) => <TaskFacts task={task} />}
    </RecordPanel>
  );
}

function TaskFacts({ task }: { readonly task: TaskDetail }) {
  return (
    <>
      <dl class="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={task.status} testId="task-status" />
          </dd>
        </div>
        <div>
          <dt>Type</dt>
          <dd>{task.type}</dd>
        </div>
        <div>
          <dt>Attempts</dt>
          <dd data-testid="task-attempts">{task.attempts}</dd>
        </div>
        <div>
          <dt>Correlation id</dt>
          <dd>
            <a href={flowHref(task.correlationId)} data-testid="task-flow-link">
              {task.correlationId}
            </a>
          </dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{formatDateTime(task.createdAt)}</dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd>{formatDateTime(task.updatedAt)}</dd>
        </div>
      </dl>
      {task.result === undefined ? null : (
        <div class="subsection" data-testid="task-result">
          <h3>Result</h3>
          <JsonBlock value={task.result} label="Task result" />
          <p>
            <a href={flowHref(task.correlationId)}>Open this task's flow</a>
          </p>
        </div>
      )}
      {task.error === undefined && task.lastError === undefined ? null : (
        <div class="subsection" data-testid="task-error">
          <h3>Error</h3>
          {task.error === undefined ? null : (
            <p class="error-text">
              <code class="error-code">{task.error.code}</code> {task.error.message}
            </p>
          )}
          {task.lastError === undefined ? null : (
            <p>
              <span class="muted">Last attempt's error:</span> {task.lastError}
            </p>
          )}
          <p>
            <a href={flowHref(task.correlationId)}>Open this task's flow</a>
          </p>
        </div>
      )}
      <TaskHistory history={task.history ?? []} />
    </>
  );
}
