import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { httpMiddlewares } from '../../../functions/shared/http/http-middlewares';
import { apiEvent } from '../support/api-gateway-event';
import { lambdaContext } from '../support/lambda-context';

describe('HTTP error handler', () => {
  it('should turn an unexpected error into a 500 that reveals nothing internal', async () => {
    const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>()
      .use(httpMiddlewares())
      .handler(() => Promise.reject(new Error('password=hunter2 at /var/task/index.js:1')));

    const response = await handler(apiEvent({ method: 'GET', path: '/x' }), lambdaContext());

    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body)).toEqual({
      error: { code: 'INTERNAL_ERROR', message: 'The request failed unexpectedly; try again later' },
    });
    expect(response.body).not.toContain('hunter2');
    expect(response.headers?.['x-correlation-id']).toBeDefined();
  });
});
