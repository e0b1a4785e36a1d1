// The environment the stack gives the functions, with fixed local values; no AWS is reached
// because every SDK client is mocked in the tests.
Object.assign(process.env, {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  TASK_TABLE_NAME: 'tasks',
  IDEMPOTENCY_TABLE_NAME: 'idempotency',
  TASK_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/tasks',
  TASK_MAX_RECEIVE_COUNT: '5',
  WEBHOOK_ALLOWED_HOSTS: 'hooks.example.com,*.partner.example,localhost:8443',
  WEBHOOK_TIMEOUT_MS: '1000',
  EVENT_BUS_NAME: 'switchyard-bus',
  FLOW_TABLE_NAME: 'flows',
  SUBSCRIPTION_NAME: 'test-subscription',
  POWERTOOLS_SERVICE_NAME: 'switchyard-test',
  POWERTOOLS_METRICS_NAMESPACE: 'SwitchyardTest',
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
});
