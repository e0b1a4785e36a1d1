import { randomUUID } from 'node:crypto';
import { ValidationError } from '../errors';
import { LOCAL_ACCOUNT_ID } from '../records/aws-identity';
import type { EventEnvelope } from '../records/eventbridge-records';
import type { Operation, OperationContext } from './operation-context';

/** Per-request entry size limit (1 MiB since January 2026), summed as EventBridge sums it. */
export const MAX_PUT_EVENTS_SIZE = 1024 * 1024;
const MAX_ENTRIES = 10;

/** One entry's outcome, as PutEvents answers it. */
type EntryResult = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

/**
 * The size EventBridge counts for an entry: 14 bytes for a Time, plus the UTF-8 bytes of
 * Source, DetailType, Detail and each Resource (the documented PutEvents entry size).
 */
export function putEventsEntrySize(entry: Readonly<Record<string, unknown>>): number {
  const bytes = (value: unknown): number =>
    typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0;
  let size = entry.Time !== undefined && entry.Time !== null ? 14 : 0;
  size += bytes(entry.Source) + bytes(entry.DetailType) + bytes(entry.Detail);
  if (Array.isArray(entry.Resources)) for (const resource of entry.Resources) size += bytes(resource);
  return size;
}

/** Formats a time as EventBridge does in events (`2026-01-01T00:00:00Z`, no milliseconds). */
function eventTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function invalidArgument(member: string, reason: string): EntryResult {
  return {
    ErrorCode: 'InvalidArgument',
    ErrorMessage: `Parameter ${member} is not valid. Reason: ${reason}`,
  };
}

/** Validates one entry into an event (and its bus), or returns the entry's failure. */
function toEvent(
  context: OperationContext,
  raw: unknown,
  now: number,
): { busName: string; event: EventEnvelope } | { failure: EntryResult } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { failure: invalidArgument('Entry', 'Entry must be a structure.') };
  }
  const entry = raw as Record<string, unknown>;
  const { Source: source, DetailType: detailType, Detail: detail, Resources: resources, Time: time } = entry;
  if (typeof source !== 'string' || source === '') {
    return { failure: invalidArgument('Source', 'Source is a required argument.') };
  }
  if (typeof detailType !== 'string' || detailType === '') {
    return { failure: invalidArgument('DetailType', 'DetailType is a required argument.') };
  }
  if (typeof detail !== 'string' || detail === '') {
    return { failure: invalidArgument('Detail', 'Detail is a required argument.') };
  }
  let parsedDetail: unknown;
  try {
    parsedDetail = JSON.parse(detail);
  } catch {
    parsedDetail = undefined;
  }
  if (parsedDetail === null || typeof parsedDetail !== 'object' || Array.isArray(parsedDetail)) {
    return { failure: { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' } };
  }
  if (
    resources !== undefined &&
    (!Array.isArray(resources) || resources.some((r) => typeof r !== 'string'))
  ) {
    return { failure: invalidArgument('Resources', 'Resources must be a list of strings.') };
  }
  if (time !== undefined && (typeof time !== 'number' || !Number.isFinite(time))) {
    return { failure: invalidArgument('Time', 'Time must be a timestamp.') };
  }
  if (source.startsWith('aws.')) {
    return {
      failure: {
        ErrorCode: 'NotAuthorizedForSourceException',
        ErrorMessage: 'Not authorized for the source.',
      },
    };
  }
  const busField = entry.EventBusName;
  if (busField !== undefined && typeof busField !== 'string') {
    return { failure: invalidArgument('EventBusName', 'EventBusName must be a string.') };
  }
  const busName = busField === undefined || busField === '' ? 'default' : context.arns.busNameOf(busField);
  if (!context.store.getBus(busName)) {
    return {
      failure: {
        ErrorCode: 'ResourceNotFoundException',
        ErrorMessage: `Event bus ${busName} does not exist.`,
      },
    };
  }
  return {
    busName,
    event: {
      version: '0',
      id: randomUUID(),
      'detail-type': detailType,
      source,
      account: LOCAL_ACCOUNT_ID,
      time: eventTime(time === undefined ? now : time * 1000),
      region: context.region,
      resources: (resources as string[] | undefined) ?? [],
      detail: parsedDetail,
    },
  };
}

/**
 * PutEvents: validates every entry, then archives and routes the valid ones in one store
 * transaction before answering, so an acknowledged event is never lost; targets receive it
 * asynchronously afterwards. Invalid entries fail individually, as in AWS.
 */
export const putEvents: Operation = (context, input) => {
  const entries = input.requiredList('Entries', { min: 1, max: MAX_ENTRIES });
  input.optionalString('EndpointId', { min: 1, max: 50 });
  const size = entries.reduce<number>(
    (total, entry) =>
      total + (entry && typeof entry === 'object' ? putEventsEntrySize(entry as Record<string, unknown>) : 0),
    0,
  );
  if (size > MAX_PUT_EVENTS_SIZE)
    throw new ValidationError('Total size of the entries in the request is over the limit.');

  const now = context.now();
  const outcomes = entries.map((entry) => toEvent(context, entry, now));
  const results: EntryResult[] = context.store.transaction(() =>
    outcomes.map((outcome) => {
      if ('failure' in outcome) return outcome.failure;
      context.dispatcher.dispatch(outcome.busName, outcome.event, { archive: true, now });
      return { EventId: outcome.event.id };
    }),
  );
  return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
};
