export { NonRetryableTaskError, RetryableTaskError } from './errors';
export { findTaskType, type SubmitTaskBody, submitTaskBodySchema, taskTypes } from './registry';
export type { TaskRunContext, TaskType, TaskTypeSettings } from './task-type';
