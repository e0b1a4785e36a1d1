/**
 * Key and index names of the tables, shared by the stack that creates them and the functions
 * that query them.
 */
export const TableDesign = {
  /** Task status table: partition key. */
  taskKey: 'taskId',
  /** Task status table: index of tasks by correlation id, sorted by creation time. */
  tasksByCorrelationIndex: 'byCorrelationId',
  /** Flow table: partition and sort key. */
  flowPartitionKey: 'correlationId',
  flowSortKey: 'sk',
  /** Flow table: TTL attribute (epoch seconds). */
  flowExpiryAttribute: 'expiresAt',
} as const;
