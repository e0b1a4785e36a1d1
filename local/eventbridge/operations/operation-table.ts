import {
  createArchive,
  deleteArchive,
  describeArchive,
  listArchives,
  updateArchive,
} from './archive-operations';
import {
  createEventBus,
  deleteEventBus,
  describeEventBus,
  listEventBuses,
  updateEventBus,
} from './event-bus-operations';
import type { Operation } from './operation-context';
import { putPermission, removePermission } from './permission-operations';
import { putEvents } from './put-events';
import { cancelReplay, describeReplay, listReplays, startReplay } from './replay-operations';
import {
  deleteRule,
  describeRule,
  disableRule,
  enableRule,
  listRuleNamesByTarget,
  listRules,
  putRule,
} from './rule-operations';
import { listTagsForResource, tagResource, untagResource } from './tag-operations';
import { listTargetsByRule, putTargets, removeTargets } from './target-operations';
import { testEventPattern } from './test-event-pattern';

/** The operations the local endpoint implements, by their `X-Amz-Target` name. */
export const OPERATIONS: ReadonlyMap<string, Operation> = new Map<string, Operation>([
  ['CreateEventBus', createEventBus],
  ['DescribeEventBus', describeEventBus],
  ['ListEventBuses', listEventBuses],
  ['UpdateEventBus', updateEventBus],
  ['DeleteEventBus', deleteEventBus],
  ['PutPermission', putPermission],
  ['RemovePermission', removePermission],
  ['PutRule', putRule],
  ['DescribeRule', describeRule],
  ['ListRules', listRules],
  ['DeleteRule', deleteRule],
  ['EnableRule', enableRule],
  ['DisableRule', disableRule],
  ['ListRuleNamesByTarget', listRuleNamesByTarget],
  ['PutTargets', putTargets],
  ['RemoveTargets', removeTargets],
  ['ListTargetsByRule', listTargetsByRule],
  ['PutEvents', putEvents],
  ['TestEventPattern', testEventPattern],
  ['CreateArchive', createArchive],
  ['DescribeArchive', describeArchive],
  ['ListArchives', listArchives],
  ['UpdateArchive', updateArchive],
  ['DeleteArchive', deleteArchive],
  ['StartReplay', startReplay],
  ['DescribeReplay', describeReplay],
  ['ListReplays', listReplays],
  ['CancelReplay', cancelReplay],
  ['TagResource', tagResource],
  ['UntagResource', untagResource],
  ['ListTagsForResource', listTagsForResource],
]);
