import type { WholeNumberBounds } from '../whole-number';

/*
 * Limits of the dead-letter operations, which the commands' descriptions (their help text), their
 * runners and the operations use. They live apart from the operations so that a description
 * stays free of the AWS SDK the operations load.
 */

/** SQS's bounds for MaxNumberOfMessagesPerSecond. */
export const MAX_RATE = 500;

/** A redrive's rate: messages per second. */
export const RATE_BOUNDS: WholeNumberBounds = { min: 1, max: MAX_RATE };

/** How many messages one peek shows at most. */
export const PEEK_MAX_BOUNDS: WholeNumberBounds = { min: 1, max: 100 };

/** How many messages a peek shows unless told. */
export const PEEK_DEFAULT_MAX = 10;

/**
 * How long peeked messages stay hidden while the peek collects them. Long enough to gather
 * `max` messages without seeing one twice; short so that a peek killed halfway hides nothing
 * for long. Normally they are made visible again at once.
 */
export const PEEK_VISIBILITY_SECONDS = 30;
