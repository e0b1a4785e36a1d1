import type { FlowTimeline } from '../../api-types';

export type FlowEntry = FlowTimeline['timeline'][number];

/** One timeline line as the flow view shows it. */
export interface FlowEntryView {
  /** What happened, in a few words. */
  readonly what: string;
  /** The particulars: attempt, reason, event id, outcome. */
  readonly detail: string;
  /** How the line is marked: a failure stands out, a success is quiet. */
  readonly tone: 'success' | 'failure' | 'neutral';
  /** The task the line is about, to link to it. */
  readonly taskId?: string;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

const joined = (...parts: ReadonlyArray<string | undefined>): string =>
  parts.filter((part): part is string => part !== undefined && part !== '').join(' · ');

const words = (...parts: ReadonlyArray<string | undefined>): string =>
  parts.filter((part): part is string => part !== undefined && part !== '').join(' ');

const prefixed = (prefix: string, value: string | undefined): string | undefined =>
  value === undefined ? undefined : `${prefix} ${value}`;

const FAILING_TASK_EVENTS: ReadonlySet<string> = new Set(['FAILED', 'RETRYING']);

/**
 * Describes a timeline entry from the fields its kind carries (functions/get-flow's
 * TimelineEntry); the contract types them loosely, so each is read defensively and an entry of
 * an unknown kind still shows its fields.
 */
export function describeFlowEntry(entry: FlowEntry): FlowEntryView {
  const field = (name: string): string | undefined => text(entry[name]);
  switch (entry.kind) {
    case 'TASK': {
      const event = field('event') ?? 'UPDATED';
      const taskId = field('taskId');
      return {
        what: joined(words('Task', event.toLowerCase()), field('taskType')),
        detail: joined(prefixed('attempt', field('attempt')), field('message')),
        tone: FAILING_TASK_EVENTS.has(event) ? 'failure' : event === 'SUCCEEDED' ? 'success' : 'neutral',
        ...(taskId === undefined ? {} : { taskId }),
      };
    }
    case 'EVENT_PUBLISHED': {
      return {
        what: joined(words('Event', field('type'), 'published'), prefixed('by', field('source'))),
        detail: joined(prefixed('event', field('eventId')), prefixed('replay', field('replayName'))),
        tone: 'neutral',
      };
    }
    case 'EVENT_CONSUMED': {
      const outcome = field('outcome');
      return {
        what: joined(words('Event', field('type'), 'consumed'), prefixed('by', field('subscription'))),
        detail: joined(outcome?.toLowerCase(), prefixed('event', field('eventId'))),
        tone: outcome === 'REJECTED' ? 'failure' : outcome === 'PROCESSED' ? 'success' : 'neutral',
      };
    }
    default:
      return { what: String(entry.kind), detail: otherFields(entry), tone: 'neutral' };
  }
}

function otherFields(entry: FlowEntry): string {
  return Object.entries(entry)
    .filter(([name]) => name !== 'kind' && name !== 'at')
    .map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}
