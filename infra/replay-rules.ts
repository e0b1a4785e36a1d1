/**
 * Names of the temporary rules `switchyard events replay --pattern` creates on the bus.
 * EventBridge narrows a replay only by rules, so a pattern-filtered replay runs through
 * short-lived copies of the subscriptions' rules. Each subscription's queues accept deliveries
 * from the copies named for that subscription on their own bus, and only from those:
 * `switchyard-replay-<subscription>.<8 hex digits>` (`.` never occurs in a subscription name,
 * so one subscription's prefix is never another's).
 */
export const REPLAY_RULE_PREFIX = 'switchyard-replay-';

/** EventBridge's limit on rule names. */
const MAX_RULE_NAME_LENGTH = 64;

/** `.` and 8 hex digits. */
const REPLAY_RULE_SUFFIX_LENGTH = 9;

/** The longest subscription name a replay rule's name has room for. */
export const MAX_SUBSCRIPTION_NAME_LENGTH =
  MAX_RULE_NAME_LENGTH - REPLAY_RULE_PREFIX.length - REPLAY_RULE_SUFFIX_LENGTH;

/** What every replay rule of one subscription's name starts with. */
export const replayRuleNamePrefix = (subscriptionName: string): string =>
  `${REPLAY_RULE_PREFIX}${subscriptionName}.`;
