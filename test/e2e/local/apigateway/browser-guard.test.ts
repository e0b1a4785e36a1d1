import { FORM_HEADERS, formBody, httpRequest } from '../endpoint/http-request';
import {
  apiTemplate,
  corsPreflightMethod,
  type GatewayUnderTest,
  signedFetch,
  startGateway,
} from './apigateway-fixture';

/** An OPTIONS `MOCK` method as CDK's `addCorsPreflight` synthesizes it for `origins`. */
const template = () =>
  apiTemplate({
    routes: [
      { method: 'POST', path: '/tasks', functionId: 'CreateTask', authorization: 'NONE' },
      { method: 'POST', path: '/shared', functionId: 'Shared', authorization: 'NONE' },
      { method: 'POST', path: '/open', functionId: 'Open', authorization: 'NONE' },
      { method: 'GET', path: '/secure', functionId: 'Secure' },
    ],
    extraResources: {
      TasksOptions: corsPreflightMethod('Resourcetasks', ['https://app.example.com']),
      SharedOptions: corsPreflightMethod('Resourceshared', [
        'https://one.example.com',
        'https://two.example.com',
      ]),
    },
  });

describe('API Gateway emulator refuses what a web page could send', () => {
  let gateway: GatewayUnderTest;
  let port: number;

  beforeAll(async () => {
    gateway = await startGateway(template());
    port = Number(new URL(gateway.url).port);
  });

  afterAll(async () => {
    await gateway.stop();
  });

  const post = (path: string, headers: Record<string, string>) =>
    httpRequest(`${gateway.url}${path}`, {
      method: 'POST',
      headers: { ...FORM_HEADERS, ...headers },
      body: formBody({ title: 'from a web page' }),
    });

  it.each(['example.com', `evil.example:4566`, 'evil.example:PORT', 'localhost.evil.example'])(
    'should refuse Host %s with 403 JSON without invoking the function',
    async (host) => {
      // Arrange
      const calls = gateway.calls.length;

      // Act
      const response = await post('/tasks', { host: host.replace('PORT', String(port)) });

      // Assert
      expect(response.status).toBe(403);
      expect(response.headers['content-type']).toBe('application/json');
      expect(JSON.parse(response.text)).toEqual({
        error: 'ForbiddenHost',
        message: expect.stringContaining('Host'),
      });
      expect(gateway.calls).toHaveLength(calls);
    },
  );

  it.each([
    ['/tasks', 'an origin its CORS does not allow', 'https://evil.example'],
    ['/open', 'a route without CORS', 'https://app.example.com'],
    ['/open', 'another localhost port', 'http://localhost:5173'],
  ])('should refuse a form POST to %s from %s', async (path, _case, origin) => {
    // Arrange
    const calls = gateway.calls.length;

    // Act
    const response = await post(path, { origin, 'sec-fetch-site': 'cross-site' });

    // Assert
    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toMatchObject({ error: 'CrossOriginRequest' });
    expect(gateway.calls).toHaveLength(calls);
  });

  it.each(['cross-site', 'same-site'])('should refuse Sec-Fetch-Site: %s without an Origin', async (site) => {
    // Arrange
    const calls = gateway.calls.length;

    // Act
    const response = await post('/tasks', { 'sec-fetch-site': site });

    // Assert
    expect(response.status).toBe(403);
    expect(gateway.calls).toHaveLength(calls);
  });

  it.each([
    ['/tasks', 'https://app.example.com'],
    ['/shared', 'https://one.example.com'],
    ['/shared', 'https://two.example.com'],
  ])('should let a cross-origin POST to %s from %s through, as its CORS allows', async (path, origin) => {
    // Arrange
    const calls = gateway.calls.length;

    // Act
    const response = await post(path, { origin, 'sec-fetch-site': 'cross-site' });

    // Assert
    expect(response.status).toBe(200);
    expect(gateway.calls).toHaveLength(calls + 1);
  });

  it.each(['https://app.example.com', 'https://evil.example'])(
    'should answer a preflight from %s as the template configures',
    async (origin) => {
      // Act
      const response = await httpRequest(`${gateway.url}/tasks`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'sec-fetch-site': 'cross-site' },
      });

      // Assert
      expect(response.status).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe('https://app.example.com');
    },
  );

  it.each(['localhost', 'LOCALHOST:PORT', '127.0.0.1:PORT', '127.9.9.9', '[::1]:PORT', 'web.localhost:PORT'])(
    'should serve Host %s',
    async (host) => {
      // Act
      const response = await post('/open', { host: host.replace('PORT', String(port)) });

      // Assert
      expect(response.status).toBe(200);
    },
  );

  it('should serve a page on its own loopback origin', async () => {
    // Act
    const response = await post('/open', {
      host: `localhost:${port}`,
      origin: `http://localhost:${port}`,
      'sec-fetch-site': 'same-origin',
    });

    // Assert
    expect(response.status).toBe(200);
  });

  it('should keep serving SigV4-signed SDK-style calls', async () => {
    // Act
    const response = await signedFetch(`${gateway.url}/secure`);

    // Assert
    expect(response.status).toBe(200);
  });
});
