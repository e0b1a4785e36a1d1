/**
 * Name prefix of the temporary rules `switchyard events replay --pattern` creates on the bus.
 * EventBridge narrows a replay only by rules, so a pattern-filtered replay runs through
 * short-lived copies of the subscriptions' rules; subscription queues accept deliveries from
 * rules with this prefix on their own bus, and only from those.
 */
export const REPLAY_RULE_PREFIX = 'switchyard-replay-';

/** EventBridge's limit on rule names. */
export const MAX_RULE_NAME_LENGTH = 64;
