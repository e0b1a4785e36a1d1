import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { httpMiddlewares } from '../shared/http/http-middlewares';
import { jsonResponse } from '../shared/http/http-response';
import { helloWorld } from './hello';

export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>()
  .use(httpMiddlewares())
  .handler(async () => jsonResponse(200, helloWorld()));
