import { randomUUID } from 'node:crypto';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import middy from '@middy/core';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { acceptedTaskSchema } from '../api-contract/response-schemas';
import { documentClient, dynamoDbClient } from '../shared/aws-clients';
import { EnvNames, requireEnv } from '../shared/env';
import { correlationIdOf } from '../shared/http/correlation-id';
import type { ParsedBodyEvent } from '../shared/http/http-context';
import { httpMiddlewares } from '../shared/http/http-middlewares';
import { contractResponse } from '../shared/http/http-response';
import { callerOf, readIdempotencyKey } from '../shared/http/idempotency-key';
import { apiUrl } from '../shared/http/request-urls';
import { sqsClient } from '../shared/sqs-client';
import { TaskQueue } from '../shared/task-queue';
import { TaskStore } from '../shared/task-store';
import { taskTypeSettingsFromEnv } from '../shared/task-type-settings';
import { createAcceptTask, submitTask } from './submit-task';

const settings = taskTypeSettingsFromEnv();
const accept = createAcceptTask({
  store: new TaskStore(documentClient, requireEnv(EnvNames.taskTableName)),
  queue: new TaskQueue(sqsClient, requireEnv(EnvNames.taskQueueUrl)),
  newTaskId: randomUUID,
  now: Date.now,
});
const idempotencyConfig = new IdempotencyConfig({
  eventKeyJmesPath: 'idempotencyKey',
  payloadValidationJmesPath: 'task',
  expiresAfterSeconds: 24 * 60 * 60,
});
const acceptOnce = makeIdempotent(accept, {
  persistenceStore: new DynamoDBPersistenceLayer({
    tableName: requireEnv(EnvNames.idempotencyTableName),
    awsSdkV3Client: dynamoDbClient,
  }),
  config: idempotencyConfig,
});

const submitTaskRoute = async (event: ParsedBodyEvent, context: Context): Promise<APIGatewayProxyResult> => {
  idempotencyConfig.registerLambdaContext(context);
  const task = await submitTask(
    {
      body: event.body,
      correlationId: correlationIdOf(event),
      idempotencyKey: readIdempotencyKey(event),
      caller: callerOf(event),
    },
    settings,
    accept,
    acceptOnce,
  );
  const statusUrl = apiUrl(event, `/tasks/${task.taskId}`);
  return contractResponse(
    acceptedTaskSchema,
    202,
    { taskId: task.taskId, status: task.status, statusUrl },
    { location: statusUrl },
  );
};

export const handler = middy<ParsedBodyEvent, APIGatewayProxyResult, Error, Context>()
  .use(httpMiddlewares({ jsonBody: true }))
  .handler(submitTaskRoute);
