/**
 * Names of the environment variables the stack sets and the functions read.
 * Both `infra/` and `functions/` import this module, so a rename cannot leave one side behind.
 */
export const EnvNames = {
  /** DynamoDB table holding one status record per task. */
  taskTableName: 'TASK_TABLE_NAME',
  /** DynamoDB table Powertools idempotency keeps ingest requests in. */
  idempotencyTableName: 'IDEMPOTENCY_TABLE_NAME',
  /** URL of the SQS task queue. */
  taskQueueUrl: 'TASK_QUEUE_URL',
  /** How many receives the task queue allows before a message goes to the DLQ. */
  taskMaxReceiveCount: 'TASK_MAX_RECEIVE_COUNT',
  /** Comma-separated hosts (optionally `host:port`) the `webhook` task type may call. */
  webhookAllowedHosts: 'WEBHOOK_ALLOWED_HOSTS',
  /** Milliseconds one webhook delivery attempt may take. */
  webhookTimeoutMs: 'WEBHOOK_TIMEOUT_MS',
  /** Name of the custom EventBridge bus. */
  eventBusName: 'EVENT_BUS_NAME',
  /** DynamoDB table holding the flow timeline, keyed by correlation id. */
  flowTableName: 'FLOW_TABLE_NAME',
  /** The subscription a consumer serves, as recorded in the flow timeline. */
  subscriptionName: 'SUBSCRIPTION_NAME',
} as const;
