import { IdForm } from '../../components/id-form';
import { Page } from '../../components/page';
import { navigate } from '../../hooks/use-route';
import { taskHref } from '../../lib/router';
import { TaskDetailPanel } from './task-detail-panel';
import { TaskList } from './task-list';

/** Find a task by id, or pick one from the most recent. */
export function TasksView({ taskId }: { readonly taskId: string | undefined }) {
  return (
    <Page title="Tasks">
      <IdForm
        title="Find a task"
        label="Task id"
        submitLabel="Search"
        current={taskId}
        onSubmit={(id) => navigate(taskHref(id))}
      />
      {taskId === undefined ? null : <TaskDetailPanel key={taskId} taskId={taskId} />}
      <TaskList selected={taskId} />
    </Page>
  );
}
