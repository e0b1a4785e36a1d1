import type { Command } from './command';

/** `switchyard status`. */
export const statusCommand: Command = {
  path: ['status'],
  args: [],
  options: [],
  summary: 'queue depth, in-flight, delayed, oldest message age and DLQ depth of every channel',
  help: `Usage: switchyard status [--json]

For the task channel and each subscription (flow-recorder, high-value-orders, task-failures):
QUEUED (ApproximateNumberOfMessages), IN FLIGHT (...NotVisible), DELAYED (...Delayed), OLDEST
(CloudWatch ApproximateAgeOfOldestMessage, latest datapoint of the last 15 minutes; the local
cloud samples it when asked) and DLQ (the dead-letter queue's ApproximateNumberOfMessages).
OLDEST is "-" when CloudWatch has no recent datapoint or cannot be read; the depths still show.

--json: {"target": {"mode", "stackName", "region"}, "channels": [{"name", "kind", "queueUrl",
"deadLetterQueueUrl", "queued", "inFlight", "delayed", "oldestMessageAgeSeconds" (number or
null), "deadLetters"}], "oldestMessageAge": {"available", "reason"?}}`,
  load: () => (require('./status') as typeof import('./status')).status,
};
