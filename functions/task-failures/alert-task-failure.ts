import type { BusEvent, TaskFailedData } from '../event-types';
import { countMetric, logger } from '../shared/observability';

/**
 * The message filter's consumer: every `task.failed` becomes one structured alert line (for
 * log-based alerting) and one count of the `TaskFailureAlerts` metric per task type.
 */
export const alertTaskFailure = (event: BusEvent, data: unknown): void => {
  const failure = data as TaskFailedData;
  logger.error('Task failed', {
    alert: 'TASK_FAILED',
    taskId: failure.taskId,
    taskType: failure.taskType,
    attempts: failure.attempts,
    errorCode: failure.error.code,
    reason: failure.error.message,
    correlationId: event.detail.metadata.correlationId,
  });
  countMetric('TaskFailureAlerts', { taskType: failure.taskType });
};
