import { ServiceUnavailableError, ValidationError } from '../shared/errors';
import type { EventPublisher, PublishOutcome } from '../shared/event-publisher';
import { countMetric } from '../shared/observability';
import { issuesToDetails } from '../shared/validation';
import { publishEventsBodySchema } from './publish-events-body';

export interface PublishEventsRequest {
  /** The parsed JSON body, not yet validated. */
  readonly body: unknown;
  readonly correlationId: string;
}

export interface PublishEventsResult {
  /** 202 when every event went through, 207 when some did not. */
  readonly statusCode: 202 | 207;
  readonly results: readonly (PublishOutcome & { readonly index: number })[];
}

/**
 * Validates every event before publishing any, so a bad entry rejects the whole request with
 * nothing published; then publishes all and reports each event's own outcome.
 */
export const publishEvents = async (
  request: PublishEventsRequest,
  publisher: EventPublisher,
  newEventId: () => string,
): Promise<PublishEventsResult> => {
  const parsed = publishEventsBodySchema.safeParse(request.body);
  if (!parsed.success) {
    throw new ValidationError(
      'Request body does not match the event schemas',
      issuesToDetails(parsed.error.issues),
    );
  }
  const outcomes = await publisher.publish(
    parsed.data.events.map((event) => ({
      source: event.source,
      type: event.type,
      data: event.data,
      eventId: event.id ?? newEventId(),
      correlationId: request.correlationId,
      time: event.time,
    })),
  );
  const results = outcomes.map((outcome, index) => ({ index, ...outcome }));
  parsed.data.events.forEach((event, index) => {
    countMetric(results[index]?.status === 'PUBLISHED' ? 'EventsPublished' : 'EventsFailed', {
      eventType: event.type,
    });
  });
  const failed = results.filter((result) => result.status === 'FAILED');
  if (failed.length === results.length) {
    throw new ServiceUnavailableError(
      'No event could be published; try again later',
      failed.map((result) => ({
        path: `events.${result.index}`,
        message: result.status === 'FAILED' ? result.error.code : '',
      })),
    );
  }
  return { statusCode: failed.length > 0 ? 207 : 202, results };
};
