/*
 * Limits of the dlq commands, which both a command's description (its help text) and its runner
 * use. They live here so that a runner does not import the description that loads it.
 */

/** SQS's bounds for MaxNumberOfMessagesPerSecond. */
export const MAX_RATE = 500;

/**
 * How long peeked messages stay hidden while the peek collects them. Long enough to gather
 * `--max` messages without seeing one twice; short so that a peek killed halfway hides nothing
 * for long. Normally they are made visible again at once.
 */
export const PEEK_VISIBILITY_SECONDS = 30;
