import type { FlowEntry, FlowView } from '../contract/api-types';
import type { ScenarioContext } from '../suite/scenario';
import { expectStatus } from './expect';
import { waitFor } from './wait';

/** The flow of a correlation id, or undefined while nothing has carried it (404). */
export async function readFlow(
  context: ScenarioContext,
  correlationId: string,
): Promise<FlowView | undefined> {
  const response = await context.api.send({
    method: 'GET',
    path: `/flows/${encodeURIComponent(correlationId)}`,
  });
  expectStatus(response, 200, 404);
  return response.status === 404 ? undefined : (response.body as FlowView);
}

/** Polls the flow until `complete` holds for its timeline, within `timeoutMs`. */
export function waitForFlow(
  context: ScenarioContext,
  correlationId: string,
  what: string,
  complete: (timeline: readonly FlowEntry[]) => boolean,
  timeoutMs = context.timing.eventTimeoutMs,
): Promise<FlowView> {
  let last: FlowView | undefined;
  return waitFor(
    `${what} in flow ${correlationId}`,
    async () => {
      last = (await readFlow(context, correlationId)) ?? last;
      return last !== undefined && complete(last.timeline) ? last : undefined;
    },
    { timeoutMs, intervalMs: context.timing.pollIntervalMs },
    () => (last === undefined ? 'no flow yet' : describeTimeline(last.timeline)),
  );
}

/** `TASK ACCEPTED, EVENT_PUBLISHED order.placed, ...`: a timeline in a few words. */
export const describeTimeline = (timeline: readonly FlowEntry[]): string =>
  timeline.length === 0
    ? 'an empty timeline'
    : timeline
        .map((entry) => {
          if (entry.kind === 'TASK') return `TASK ${entry.event}`;
          if (entry.kind === 'EVENT_PUBLISHED') return `EVENT_PUBLISHED ${entry.type}`;
          return `EVENT_CONSUMED ${entry.type} by ${entry.subscription}`;
        })
        .join(', ');

/** True when `subscription` consumed the event `eventId` in this timeline. */
export const consumedBy = (timeline: readonly FlowEntry[], eventId: string, subscription: string): boolean =>
  timeline.some(
    (entry) =>
      entry.kind === 'EVENT_CONSUMED' && entry.eventId === eventId && entry.subscription === subscription,
  );

/** True when the timeline records the publication of `eventId`. */
export const published = (timeline: readonly FlowEntry[], eventId: string): boolean =>
  timeline.some((entry) => entry.kind === 'EVENT_PUBLISHED' && entry.eventId === eventId);
