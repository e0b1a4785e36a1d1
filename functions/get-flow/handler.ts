import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { flowViewSchema } from '../api-contract/response-schemas';
import { documentClient } from '../shared/aws-clients';
import { EnvNames, requireEnv } from '../shared/env';
import { FlowStore } from '../shared/flow-store';
import { httpMiddlewares } from '../shared/http/http-middlewares';
import { contractResponse } from '../shared/http/http-response';
import { TaskStore } from '../shared/task-store';
import { getFlow } from './get-flow';

const stores = {
  tasks: new TaskStore(documentClient, requireEnv(EnvNames.taskTableName)),
  flows: new FlowStore(documentClient, requireEnv(EnvNames.flowTableName)),
};

export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>()
  .use(httpMiddlewares())
  .handler(async (event) =>
    contractResponse(flowViewSchema, 200, await getFlow(stores, event.pathParameters?.correlationId)),
  );
