import {
  apiTemplate,
  corsPreflightMethod,
  type GatewayUnderTest,
  json,
  signedFetch,
  startGateway,
} from './apigateway-fixture';

const template = () =>
  apiTemplate({
    routes: [
      { method: 'GET', path: '/api/data', functionId: 'Hello', authorization: 'NONE' },
      { method: 'GET', path: '/tasks/{taskId}', functionId: 'GetTask', authorization: 'NONE' },
      { method: 'GET', path: '/tasks/special', functionId: 'Special', authorization: 'NONE' },
      { method: 'ANY', path: '/files/{proxy+}', functionId: 'Files', authorization: 'NONE' },
      { method: 'GET', path: '/', functionId: 'Root', authorization: 'NONE' },
      { method: 'POST', path: '/events', functionId: 'Publish' },
    ],
    extraResources: {
      ResourceeventsOPTIONS: corsPreflightMethod('Resourceevents', ['https://app.example.com']),
    },
  });

describe('API Gateway routing', () => {
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    gateway = await startGateway(template());
  });

  afterAll(async () => {
    await gateway.stop();
  });

  it('should serve the stage URL on 127.0.0.1 without a trailing slash', () => {
    // Assert
    expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/prod$/);
  });

  it('should route a literal path to its function', async () => {
    // Act
    const response = await fetch(`${gateway.url}/api/data`);

    // Assert
    expect(response.status).toBe(200);
    expect(gateway.lastEvent('Hello')).toMatchObject({
      resource: '/api/data',
      path: '/api/data',
      pathParameters: null,
    });
  });

  it('should bind a decoded path parameter', async () => {
    // Act
    const response = await fetch(`${gateway.url}/tasks/abc%20123`);

    // Assert
    expect(response.status).toBe(200);
    expect(gateway.lastEvent('GetTask')).toMatchObject({
      resource: '/tasks/{taskId}',
      path: '/tasks/abc%20123',
      pathParameters: { taskId: 'abc 123' },
    });
  });

  it('should prefer a literal path part over a variable', async () => {
    // Act
    await fetch(`${gateway.url}/tasks/special`);

    // Assert
    expect(gateway.calls.at(-1)?.functionId).toBe('Special');
  });

  it('should bind the rest of the path to a greedy variable for any method', async () => {
    // Act
    const response = await fetch(`${gateway.url}/files/a/b/c.txt`, { method: 'DELETE' });

    // Assert
    expect(response.status).toBe(200);
    expect(gateway.lastEvent('Files')).toMatchObject({
      resource: '/files/{proxy+}',
      httpMethod: 'DELETE',
      pathParameters: { proxy: 'a/b/c.txt' },
    });
  });

  it('should serve the root resource at the stage URL', async () => {
    // Act
    const response = await fetch(gateway.url);

    // Assert
    expect(response.status).toBe(200);
    expect(gateway.lastEvent('Root')).toMatchObject({ resource: '/', path: '/' });
  });

  it('should treat a trailing slash as the same resource', async () => {
    // Act
    const response = await fetch(`${gateway.url}/api/data/`);

    // Assert
    expect(response.status).toBe(200);
  });

  it.each([
    ['an unknown path', '/prod/nowhere', 'GET'],
    ['a method the resource does not define', '/prod/api/data', 'POST'],
    ['an unknown stage', '/staging/api/data', 'GET'],
    ['a greedy resource without a rest of path', '/prod/files', 'GET'],
    ['HEAD on a GET-only resource', '/prod/api/data', 'HEAD'],
  ])('should answer 403 Missing Authentication Token for %s', async (_case, path, method) => {
    // Act
    const response = await fetch(`${new URL(gateway.url).origin}${path}`, { method });

    // Assert
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    if (method !== 'HEAD') expect(await json(response)).toEqual({ message: 'Missing Authentication Token' });
  });

  it('should answer OPTIONS from the MOCK integration the template defines', async () => {
    // Act
    const response = await fetch(`${gateway.url}/events`, { method: 'OPTIONS' });

    // Assert
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(gateway.calls.some((call) => call.functionId === 'Publish')).toBe(false);
  });

  it('should answer 403 to OPTIONS where the template defines none', async () => {
    // Act
    const response = await fetch(`${gateway.url}/api/data`, { method: 'OPTIONS' });

    // Assert
    expect(response.status).toBe(403);
  });

  it('should read routes added to the template generically', async () => {
    // Act
    const response = await signedFetch(`${gateway.url}/events`, { method: 'POST', body: '{}' });

    // Assert
    expect(response.status).toBe(200);
    expect(gateway.calls.at(-1)?.functionId).toBe('Publish');
  });
});

describe('API Gateway emulator on a template without a REST API', () => {
  it('should still start and answer 403 Missing Authentication Token', async () => {
    // Arrange
    const gateway = await startGateway({ Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: {} } } });

    try {
      // Act
      const response = await fetch(`${gateway.url}/prod/anything`);

      // Assert
      expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(response.status).toBe(403);
      expect(await json(response)).toEqual({ message: 'Missing Authentication Token' });
    } finally {
      await gateway.stop();
    }
  });
});
