import { PEEK_VISIBILITY_SECONDS } from '../operations/dlq-limits';
import type { Command } from './command';

/** `switchyard dlq peek <channel>`. */
export const dlqPeekCommand: Command = {
  path: ['dlq', 'peek'],
  args: ['channel'],
  options: ['max'],
  summary: 'show dead-lettered messages of a channel without removing them',
  help: `Usage: switchyard dlq peek <channel> [--max N] [--json]

Shows up to N (default 10, at most 100) messages of the channel's DLQ: body, attributes, how
often they were received, and the first and last error where known: for tasks from the task's
status record (its attempt history and final error), for events that EventBridge could not
deliver from their ERROR_CODE / ERROR_MESSAGE attributes. Events the consumer failed carry no
error; look up the consumer's log by correlation id.

Nothing is removed. SQS has no read-only peek, so the messages are received with a
${PEEK_VISIBILITY_SECONDS} s visibility timeout and made visible again at once; each peek adds one to their
receive count (shown without the peek's own receive). If the peek is killed halfway, the
messages reappear within ${PEEK_VISIBILITY_SECONDS} s.

--json: {"channel", "deadLetterQueueUrl", "approximateDepth", "messages": [{"messageId", "body",
"attributes", "messageAttributes", "receiveCount", "sentAt", "firstError", "lastError",
"errorSource" ("task-record" | "eventbridge" | null), "task"? ({"taskId", "status", "attempts"} or null)}]}`,
  load: () => (require('./dlq-peek') as typeof import('./dlq-peek')).dlqPeek,
};
