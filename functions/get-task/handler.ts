import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { taskViewSchema } from '../api-contract/response-schemas';
import { documentClient } from '../shared/aws-clients';
import { EnvNames, requireEnv } from '../shared/env';
import { httpMiddlewares } from '../shared/http/http-middlewares';
import { contractResponse } from '../shared/http/http-response';
import { TaskStore } from '../shared/task-store';
import { getTask } from './get-task';

const store = new TaskStore(documentClient, requireEnv(EnvNames.taskTableName));

export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>()
  .use(httpMiddlewares())
  .handler(async (event) =>
    contractResponse(taskViewSchema, 200, await getTask(store, event.pathParameters?.taskId)),
  );
