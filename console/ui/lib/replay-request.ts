import type { ReplayRequest } from '../../api-types';
import { pad } from './format';
import { parseJsonText } from './schema-check';

/** A `datetime-local` input's value for an instant, in the browser's time zone, to the minute. */
export function toDateTimeLocal(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The replay form's starting window: the last hour. */
export function defaultReplayWindow(now: Date): { readonly from: string; readonly to: string } {
  return { from: toDateTimeLocal(new Date(now.getTime() - 3_600_000)), to: toDateTimeLocal(now) };
}

/** The form's fields as typed. */
export interface ReplayFormValues {
  readonly from: string;
  readonly to: string;
  readonly pattern: string;
}

export type ReplayFormField = keyof ReplayFormValues;

export type ReplayRequestResult =
  | { readonly ok: true; readonly request: ReplayRequest }
  | { readonly ok: false; readonly problems: ReadonlyArray<{ field: ReplayFormField; message: string }> };

/** A `datetime-local` value (local time, no zone) as an instant; undefined when it is not one. */
function fromDateTimeLocal(value: string): Date | undefined {
  // Without a zone designator, a date-time string is local time (ECMA-262 Date Time String Format).
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The replay request the form describes, or every problem with it, each tied to its field.
 * With `untouchedWindowAt`, the window fields still hold their default and the request covers
 * the hour up to that instant exactly: the fields show minutes only, and an event published in
 * the current minute must not fall outside the default window.
 */
export function buildReplayRequest(
  values: ReplayFormValues,
  now: Date = new Date(),
  untouchedWindow = false,
): ReplayRequestResult {
  const problems: { field: ReplayFormField; message: string }[] = [];
  const from = untouchedWindow ? new Date(now.getTime() - 3_600_000) : fromDateTimeLocal(values.from);
  const to = untouchedWindow ? now : fromDateTimeLocal(values.to);
  if (from === undefined) problems.push({ field: 'from', message: 'Enter a start date and time' });
  if (to === undefined) problems.push({ field: 'to', message: 'Enter an end date and time' });
  if (from !== undefined && to !== undefined && from.getTime() >= to.getTime()) {
    problems.push({ field: 'to', message: 'The end must be after the start' });
  }
  // The archive holds nothing yet from the future; the end may be the current minute.
  if (to !== undefined && to.getTime() > now.getTime() + 60_000) {
    problems.push({ field: 'to', message: 'The end cannot be in the future' });
  }
  let pattern: unknown;
  if (values.pattern.trim() !== '') {
    const parsed = parseJsonText(values.pattern);
    if (!parsed.ok) problems.push({ field: 'pattern', message: parsed.message });
    else if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
      problems.push({ field: 'pattern', message: 'An event pattern is a JSON object' });
    } else pattern = parsed.value;
  }
  if (problems.length > 0 || from === undefined || to === undefined) return { ok: false, problems };
  return {
    ok: true,
    request: {
      from: from.toISOString(),
      to: to.toISOString(),
      ...(pattern === undefined ? {} : { pattern }),
    },
  };
}
