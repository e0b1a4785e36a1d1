import { createArchive, deleteArchive, describeArchive, listArchives } from './archive-operations';
import { createEventBus, deleteEventBus, describeEventBus, listEventBuses } from './event-bus-operations';
import type { Operation } from './operation-context';
import { putEvents } from './put-events';
import { cancelReplay, describeReplay, listReplays, startReplay } from './replay-operations';
import { deleteRule, describeRule, disableRule, enableRule, listRules, putRule } from './rule-operations';
import { listTargetsByRule, putTargets, removeTargets } from './target-operations';
import { testEventPattern } from './test-event-pattern';

/** The operations the local endpoint implements, by their `X-Amz-Target` name. */
export const OPERATIONS: ReadonlyMap<string, Operation> = new Map<string, Operation>([
  ['CreateEventBus', createEventBus],
  ['DescribeEventBus', describeEventBus],
  ['ListEventBuses', listEventBuses],
  ['DeleteEventBus', deleteEventBus],
  ['PutRule', putRule],
  ['DescribeRule', describeRule],
  ['ListRules', listRules],
  ['DeleteRule', deleteRule],
  ['EnableRule', enableRule],
  ['DisableRule', disableRule],
  ['PutTargets', putTargets],
  ['RemoveTargets', removeTargets],
  ['ListTargetsByRule', listTargetsByRule],
  ['PutEvents', putEvents],
  ['TestEventPattern', testEventPattern],
  ['CreateArchive', createArchive],
  ['DescribeArchive', describeArchive],
  ['ListArchives', listArchives],
  ['DeleteArchive', deleteArchive],
  ['StartReplay', startReplay],
  ['DescribeReplay', describeReplay],
  ['ListReplays', listReplays],
  ['CancelReplay', cancelReplay],
]);
