import type { OperationContext } from '../../../../../cli/operations/operation-context';
import { Clients } from '../../../../../cli/target/clients';
import type { Target } from '../../../../../cli/target/target';

const QUEUE_BASE = 'https://sqs.eu-west-1.amazonaws.com/123456789012';

/** Queue URLs of the test stack's channels. */
export const QUEUES = {
  tasks: `${QUEUE_BASE}/tasks`,
  tasksDeadLetters: `${QUEUE_BASE}/tasks-dlq`,
  flowRecorder: `${QUEUE_BASE}/flow-recorder`,
  flowRecorderDeadLetters: `${QUEUE_BASE}/flow-recorder-dlq`,
} as const;

/** A deployed stack with the task channel, one subscription, the tables and the event archive. */
export const testTarget = (overrides: Partial<Target> = {}): Target => ({
  mode: 'aws',
  stackName: 'Switchyard',
  region: 'eu-west-1',
  outputs: {
    TaskQueueUrl: QUEUES.tasks,
    TaskDeadLetterQueueUrl: QUEUES.tasksDeadLetters,
    FlowRecorderQueueUrl: QUEUES.flowRecorder,
    FlowRecorderDeadLetterQueueUrl: QUEUES.flowRecorderDeadLetters,
    TaskTableName: 'tasks',
    FlowTableName: 'flows',
    EventArchiveName: 'archive',
    EventBusName: 'bus',
  },
  clientSettings: { region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } },
  pollIntervalMs: 0,
  replayRuleSettleMs: 0,
  replayRuleGraceMs: 0,
  description: 'stack Switchyard in eu-west-1',
  ...overrides,
});

/** The target with real SDK clients, for `aws-sdk-client-mock` to intercept. */
export const testContext = (target: Target = testTarget()): OperationContext => ({
  target,
  clients: new Clients(target.clientSettings),
});
