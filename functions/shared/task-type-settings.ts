import type { TaskTypeSettings } from '../task-types';
import { EnvNames, integerEnv, listEnv } from './env';

const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

/** Task type settings as the stack configured them for this function. */
export const taskTypeSettingsFromEnv = (): TaskTypeSettings => ({
  webhookAllowedHosts: listEnv(EnvNames.webhookAllowedHosts),
  webhookTimeoutMs: integerEnv(EnvNames.webhookTimeoutMs, DEFAULT_WEBHOOK_TIMEOUT_MS),
});
