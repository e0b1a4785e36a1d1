import type { LeafValue } from './flatten-event';

/** A compiled test of one event scalar against one pattern operator. */
export type ValuePredicate = (value: LeafValue) => boolean;
