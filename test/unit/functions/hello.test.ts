import { handler } from '../../../functions/hello/handler';
import { apiEvent } from '../support/api-gateway-event';
import { lambdaContext } from '../support/lambda-context';

describe('GET /api/data', () => {
  it('should answer 200 with the greeting and a correlation id', async () => {
    const response = await handler(apiEvent({ method: 'GET', path: '/api/data' }), lambdaContext());

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ message: 'Hello, World!' });
    expect(response.headers?.['content-type']).toMatch(/^application\/json/);
    expect(response.headers?.['x-correlation-id']).toBeDefined();
  });
});
