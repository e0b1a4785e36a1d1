/** What a function's answer to an SQS batch means for each message. */
export type BatchOutcome =
  | { readonly kind: 'all-succeeded' }
  | { readonly kind: 'all-failed'; readonly reason: string }
  | { readonly kind: 'partial'; readonly failedIds: ReadonlySet<string> };

/**
 * Reads a partial batch response (`ReportBatchItemFailures`) as Lambda does: a null or empty
 * response, or an empty or missing `batchItemFailures`, means every message succeeded; a
 * response Lambda cannot read, or an item whose `itemIdentifier` is missing, empty, not a
 * string or not a message of this batch, fails the whole batch.
 */
export function readBatchResponse(response: unknown, batchMessageIds: ReadonlySet<string>): BatchOutcome {
  if (response === null || response === undefined || response === '') return { kind: 'all-succeeded' };
  if (typeof response !== 'object' || Array.isArray(response)) {
    return { kind: 'all-failed', reason: 'the response is not a batch response object' };
  }
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'all-succeeded' };
  if (!Array.isArray(failures)) return { kind: 'all-failed', reason: 'batchItemFailures is not a list' };
  const failedIds = new Set<string>();
  for (const item of failures) {
    const id = (item as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '' || !batchMessageIds.has(id)) {
      return { kind: 'all-failed', reason: `invalid itemIdentifier ${JSON.stringify(id ?? null)}` };
    }
    failedIds.add(id);
  }
  return failedIds.size === 0 ? { kind: 'all-succeeded' } : { kind: 'partial', failedIds };
}
