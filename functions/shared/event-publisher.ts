import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { errorSummary } from '../../common/error-summary';
import type { EventDetail } from '../event-types';
import { chunkEventEntries, eventEntrySize } from './event-entry-size';
import { logger } from './observability';

/** An event to publish, with the metadata every Switchyard event carries. */
export interface OutgoingEvent {
  readonly source: string;
  /** The event type, published as `detail-type`. */
  readonly type: string;
  readonly data: unknown;
  readonly eventId: string;
  readonly correlationId: string;
  /** ISO-8601 time of the occurrence. @default - the time of publishing */
  readonly time?: string;
}

export type PublishOutcome =
  | { readonly eventId: string; readonly status: 'PUBLISHED' }
  | {
      readonly eventId: string;
      readonly status: 'FAILED';
      readonly error: { readonly code: string; readonly message: string };
    };

export interface EventPublisherOptions {
  /** PutEvents attempts per entry, the first included. @default 4 */
  readonly maxAttempts?: number;
  /** @default 100 */
  readonly baseDelayMs?: number;
  /** @default 2000 */
  readonly maxDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
}

/** Entry error codes worth another attempt; any other code will fail the same way again. */
const RETRYABLE_ENTRY_ERRORS = new Set(['InternalFailure', 'ThrottlingException', 'ServiceUnavailable']);

interface Pending {
  readonly index: number;
  readonly entry: PutEventsRequestEntry;
  readonly size: number;
}

/**
 * Publishes to the bus in calls that respect EventBridge's entry-count and size limits, and
 * retries the entries it reports as failed (or a call that failed whole) with exponential
 * backoff and full jitter, a bounded number of times. Answers one outcome per event, in order.
 */
export class EventPublisher {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
    options: EventPublisherOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 100;
    this.maxDelayMs = options.maxDelayMs ?? 2000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  /** The PutEvents entry for an event: `detail` is `{ metadata, data }`. */
  toEntry(event: OutgoingEvent): PutEventsRequestEntry {
    const detail: EventDetail = {
      metadata: {
        correlationId: event.correlationId,
        eventId: event.eventId,
        publishedAt: new Date(this.now()).toISOString(),
      },
      data: event.data,
    };
    return {
      EventBusName: this.busName,
      Source: event.source,
      DetailType: event.type,
      Detail: JSON.stringify(detail),
      Time: event.time ? new Date(event.time) : undefined,
    };
  }

  async publish(events: readonly OutgoingEvent[]): Promise<PublishOutcome[]> {
    const outcomes: PublishOutcome[] = new Array(events.length);
    let pending: Pending[] = events.map((event, index) => {
      const entry = this.toEntry(event);
      return { index, entry, size: eventEntrySize(entry) };
    });
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      const retry: Pending[] = [];
      const failures: { item: Pending; code: string; message: string }[] = [];
      for (const chunk of chunkEventEntries(pending, (item) => item.size)) {
        try {
          const response = await this.client.send(
            new PutEventsCommand({ Entries: chunk.map((item) => item.entry) }),
          );
          chunk.forEach((item, position) => {
            const result = response.Entries?.[position];
            if (result?.EventId && !result.ErrorCode) {
              outcomes[item.index] = { eventId: eventIdOf(events, item.index), status: 'PUBLISHED' };
            } else {
              failures.push({
                item,
                code: result?.ErrorCode ?? 'InternalFailure',
                message: result?.ErrorMessage ?? 'EventBridge did not accept the entry',
              });
            }
          });
        } catch (error) {
          logger.warn('PutEvents call failed', {
            entries: chunk.length,
            attempt,
            error: errorSummary(error),
          });
          for (const item of chunk)
            failures.push({ item, code: 'ServiceUnavailable', message: 'The event bus is unavailable' });
        }
      }
      for (const failure of failures) {
        if (RETRYABLE_ENTRY_ERRORS.has(failure.code) && attempt < this.maxAttempts) {
          retry.push(failure.item);
        } else {
          outcomes[failure.item.index] = {
            eventId: eventIdOf(events, failure.item.index),
            status: 'FAILED',
            error: { code: failure.code, message: failure.message },
          };
        }
      }
      if (retry.length > 0) await this.sleep(this.backoff(attempt));
      pending = retry;
    }
    return outcomes;
  }

  private backoff(attempt: number): number {
    return Math.floor(this.random() * Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1)));
  }
}

const eventIdOf = (events: readonly OutgoingEvent[], index: number): string => events[index]?.eventId ?? '';
