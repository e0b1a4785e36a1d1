import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { livenessSchema } from '../api-contract/response-schemas';
import { httpMiddlewares } from '../shared/http/http-middlewares';
import { contractResponse } from '../shared/http/http-response';
import { helloWorld } from './hello';

export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>()
  .use(httpMiddlewares())
  .handler(async () => contractResponse(livenessSchema, 200, helloWorld()));
