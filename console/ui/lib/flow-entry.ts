import type { FlowTimelineEntry } from '../../api-types';

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

const joined = (...parts: ReadonlyArray<string | undefined>): string =>
  parts.filter((part): part is string => part !== undefined && part !== '').join(' · ');

const prefixed = (prefix: string, value: string | number | undefined): string | undefined =>
  value === undefined ? undefined : `${prefix} ${value}`;

const FAILING_TASK_EVENTS: ReadonlySet<string> = new Set(['FAILED', 'RETRYING']);

/** Describes a timeline entry from the fields its kind carries. */
export function describeFlowEntry(entry: FlowTimelineEntry): FlowEntryView {
  switch (entry.kind) {
    case 'TASK':
      return {
        what: joined(`Task ${entry.event.toLowerCase()}`, entry.taskType),
        detail: joined(prefixed('attempt', entry.attempt), entry.message),
        tone: FAILING_TASK_EVENTS.has(entry.event)
          ? 'failure'
          : entry.event === 'SUCCEEDED'
            ? 'success'
            : 'neutral',
        taskId: entry.taskId,
      };
    case 'EVENT_PUBLISHED':
      return {
        what: joined(`Event ${entry.type} published`, prefixed('by', entry.source)),
        detail: joined(prefixed('event', entry.eventId), prefixed('replay', entry.replayName)),
        tone: 'neutral',
      };
    case 'EVENT_CONSUMED':
      return {
        what: joined(`Event ${entry.type} consumed`, prefixed('by', entry.subscription)),
        detail: joined(entry.outcome.toLowerCase(), prefixed('event', entry.eventId)),
        tone:
          entry.outcome === 'REJECTED' ? 'failure' : entry.outcome === 'PROCESSED' ? 'success' : 'neutral',
      };
    default:
      return describeUnknown(entry);
  }
}

/**
 * A kind a newer server sends that this page does not know yet: shown with its fields rather
 * than dropped. The compiler sees no such entry (the union is exhausted), so it is read as data.
 */
function describeUnknown(entry: never): FlowEntryView {
  const fields = Object.entries(entry as Readonly<Record<string, unknown>>);
  const kind = fields.find(([name]) => name === 'kind')?.[1];
  return {
    what: String(kind),
    detail: fields
      .filter(([name]) => name !== 'kind' && name !== 'at')
      .map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(' · '),
    tone: 'neutral',
  };
}
