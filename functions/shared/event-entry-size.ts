import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';

/** EventBridge's limit on the total entry size of one PutEvents call (and so of one entry). */
export const MAX_PUT_EVENTS_BYTES = 1024 * 1024;
/** EventBridge's limit on entries per PutEvents call. */
export const MAX_PUT_EVENTS_ENTRIES = 10;

const utf8 = (text: string | undefined): number => (text ? Buffer.byteLength(text, 'utf8') : 0);

/**
 * An entry's size as EventBridge counts it against the PutEvents limit: 14 bytes for a `Time`,
 * plus the UTF-8 bytes of `Source`, `DetailType`, `Detail` and each of `Resources`. The bus
 * name and trace header do not count.
 */
export const eventEntrySize = (entry: PutEventsRequestEntry): number =>
  (entry.Time ? 14 : 0) +
  utf8(entry.Source) +
  utf8(entry.DetailType) +
  utf8(entry.Detail) +
  (entry.Resources ?? []).reduce((sum, resource) => sum + utf8(resource), 0);

/**
 * Splits entries, in order, into PutEvents calls that respect both limits. Callers must have
 * rejected any single entry over `maxBytes`; such an entry would get a call of its own.
 */
export const chunkEventEntries = <T>(
  items: readonly T[],
  sizeOf: (item: T) => number,
  maxEntries = MAX_PUT_EVENTS_ENTRIES,
  maxBytes = MAX_PUT_EVENTS_BYTES,
): T[][] => {
  const chunks: T[][] = [];
  let current: T[] = [];
  let currentBytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && (current.length === maxEntries || currentBytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(item);
    currentBytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
};
