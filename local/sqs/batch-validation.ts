import { SqsError } from './errors';

const MAX_BATCH_ENTRIES = 10;
const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * The request-level checks SQS applies to every batch before touching any entry:
 * 1 to 10 entries, each id valid and distinct. A batch failing here writes nothing.
 */
export function validateBatchIds(ids: readonly string[]): void {
  if (ids.length === 0) {
    throw new SqsError('EmptyBatchRequest', 'There should be at least one entry in the request.');
  }
  if (ids.length > MAX_BATCH_ENTRIES) {
    throw new SqsError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are ${MAX_BATCH_ENTRIES}. You have sent ${ids.length}.`,
    );
  }
  const seen = new Set<string>();
  for (const id of ids) {
    if (!BATCH_ENTRY_ID.test(id)) {
      throw new SqsError(
        'InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      );
    }
    if (seen.has(id)) throw new SqsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
    seen.add(id);
  }
}

/** What a batch operation answers, in the SDK's shape. */
export interface BatchResult<T> {
  readonly Successful: T[];
  readonly Failed: BatchResultErrorEntry[];
}

/** One failed entry of a batch, in the SDK's shape. */
export interface BatchResultErrorEntry {
  readonly Id: string;
  readonly SenderFault: boolean;
  readonly Code: string;
  readonly Message: string;
}

export function batchFailure(id: string, error: unknown): BatchResultErrorEntry {
  if (error instanceof SqsError) {
    return { Id: id, SenderFault: error.fault === 'Sender', Code: error.code, Message: error.message };
  }
  return {
    Id: id,
    SenderFault: false,
    Code: 'InternalFailure',
    Message: 'The request processing has failed.',
  };
}
