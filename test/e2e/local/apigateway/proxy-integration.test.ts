import { request } from 'node:http';
import { IntegrationBusyError } from '../../../../local/apigateway';
import { apiTemplate, type GatewayUnderTest, json, startGateway } from './apigateway-fixture';

const template = () =>
  apiTemplate({
    binaryMediaTypes: ['image/png', 'application/octet-stream'],
    routes: [
      { method: 'POST', path: '/echo', functionId: 'Echo', authorization: 'NONE' },
      { method: 'GET', path: '/answer', functionId: 'Answer', authorization: 'NONE' },
      { method: 'GET', path: '/malformed/{kind}', functionId: 'Malformed', authorization: 'NONE' },
      { method: 'GET', path: '/fails', functionId: 'Fails', authorization: 'NONE' },
      { method: 'GET', path: '/slow', functionId: 'Slow', authorization: 'NONE', timeoutMs: 200 },
      { method: 'GET', path: '/times-out', functionId: 'TimesOut', authorization: 'NONE' },
      { method: 'GET', path: '/busy', functionId: 'Busy', authorization: 'NONE' },
    ],
  });

const MALFORMED: Record<string, unknown> = {
  string: 'just text',
  'no-status': { body: 'x' },
  'object-body': { statusCode: 200, body: { not: 'a string' } },
  'extra-key': { statusCode: 200, body: '', cookies: ['a=b'] },
  'bad-headers': { statusCode: 200, headers: { 'X-List': ['a'] } },
  'bad-header-value': { statusCode: 200, headers: { 'X-Bad': 'line\nbreak' } },
};

/** Sends raw headers (duplicates, mixed case) that fetch would merge or normalize. */
const rawGet = (url: string, headers: [string, string][]): Promise<number> =>
  new Promise((resolve, reject) => {
    const parsed = new URL(url);
    const outgoing = request(
      { host: parsed.hostname, port: parsed.port, path: `${parsed.pathname}${parsed.search}`, method: 'GET' },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    for (const [name, value] of headers) outgoing.appendHeader(name, value);
    outgoing.on('error', reject);
    outgoing.end();
  });

describe('API Gateway Lambda proxy integration', () => {
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    gateway = await startGateway(template(), {
      Answer: () => ({
        statusCode: 201,
        headers: { 'X-Single': 'one', 'X-Both': 'from-headers' },
        multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'], 'X-Both': ['from-multi-1', 'from-multi-2'] },
        body: 'created',
      }),
      Echo: (event) => ({
        statusCode: 200,
        headers: { 'Content-Type': 'application/octet-stream' },
        body: event.body ?? '',
        isBase64Encoded: event.isBase64Encoded,
      }),
      Malformed: (event) => MALFORMED[event.pathParameters?.kind ?? ''],
      Fails: () => {
        throw new Error('boom');
      },
      Slow: () => new Promise(() => undefined),
      TimesOut: () => Promise.reject(Object.assign(new Error('Task timed out'), { name: 'TimeoutError' })),
      Busy: () => Promise.reject(new IntegrationBusyError('every environment is busy')),
    });
  });

  afterAll(async () => {
    await gateway.stop();
  });

  it('should send the REST proxy event with the client header case and multi-value headers', async () => {
    // Act
    const status = await rawGet(`${gateway.url}/answer?b=2&a=1&a=3&flag&enc=a%2Bb%20c&form=x+y`, [
      ['X-Custom-Header', 'first'],
      ['X-Custom-Header', 'second'],
      ['User-Agent', 'switchyard-test'],
      ['X-Forwarded-For', '203.0.113.9'],
    ]);

    // Assert
    expect(status).toBe(201);
    const event = gateway.lastEvent('Answer');
    expect(event).toMatchObject({
      resource: '/answer',
      path: '/answer',
      httpMethod: 'GET',
      body: null,
      isBase64Encoded: false,
      pathParameters: null,
      stageVariables: null,
      queryStringParameters: { a: '3', b: '2', flag: '', enc: 'a+b c', form: 'x y' },
      multiValueQueryStringParameters: { a: ['1', '3'], b: ['2'], flag: [''], enc: ['a+b c'], form: ['x y'] },
    });
    expect(event.headers).toMatchObject({
      'X-Custom-Header': 'second',
      'User-Agent': 'switchyard-test',
      'X-Forwarded-For': '203.0.113.9, 127.0.0.1',
      'X-Forwarded-Proto': 'http',
      'X-Forwarded-Port': new URL(gateway.url).port,
    });
    expect(event.multiValueHeaders['X-Custom-Header']).toEqual(['first', 'second']);
  });

  it('should fill the request context like API Gateway', async () => {
    // Act
    await fetch(`${gateway.url}/answer`, { headers: { 'User-Agent': 'ctx-test' } });

    // Assert
    const { requestContext } = gateway.lastEvent('Answer');
    expect(requestContext).toMatchObject({
      accountId: '000000000000',
      apiId: expect.stringMatching(/^[a-z0-9]{10}$/),
      domainName: new URL(gateway.url).host,
      httpMethod: 'GET',
      path: '/prod/answer',
      protocol: 'HTTP/1.1',
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      requestTimeEpoch: expect.any(Number),
      requestTime: expect.stringMatching(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/),
      resourceId: expect.any(String),
      resourcePath: '/answer',
      stage: 'prod',
      identity: {
        sourceIp: '127.0.0.1',
        userAgent: 'ctx-test',
        accessKey: null,
        userArn: null,
        caller: null,
      },
    });
  });

  it('should answer with status, headers, merged multi-value headers and body', async () => {
    // Act
    const response = await fetch(`${gateway.url}/answer`);

    // Assert
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('created');
    expect(response.headers.get('x-single')).toBe('one');
    expect(response.headers.get('x-both')).toBe('from-multi-1, from-multi-2');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should send text bodies as text', async () => {
    // Act
    await fetch(`${gateway.url}/echo`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"name":"Ada"}',
    });

    // Assert
    expect(gateway.lastEvent('Echo')).toMatchObject({ body: '{"name":"Ada"}', isBase64Encoded: false });
  });

  it('should send binary media types base64 encoded and decode a binary answer the client accepts', async () => {
    // Arrange
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10]);

    // Act
    const response = await fetch(`${gateway.url}/echo`, {
      method: 'POST',
      headers: { 'Content-Type': 'image/png', Accept: 'application/octet-stream' },
      body: bytes,
    });

    // Assert
    expect(gateway.lastEvent('Echo')).toMatchObject({
      body: bytes.toString('base64'),
      isBase64Encoded: true,
    });
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
  });

  it('should return a base64 answer as text when the client accepts no binary type', async () => {
    // Arrange
    const bytes = Buffer.from([1, 2, 3]);

    // Act
    const response = await fetch(`${gateway.url}/echo`, {
      method: 'POST',
      headers: { 'Content-Type': 'image/png', Accept: 'application/json' },
      body: bytes,
    });

    // Assert
    expect(await response.text()).toBe(bytes.toString('base64'));
  });

  it.each(Object.keys(MALFORMED))('should answer 502 for a malformed proxy result (%s)', async (kind) => {
    // Act
    const response = await fetch(`${gateway.url}/malformed/${kind}`);

    // Assert
    expect(response.status).toBe(502);
    expect(await json(response)).toEqual({ message: 'Internal server error' });
  });

  it('should answer 502 when the function fails', async () => {
    // Act
    const response = await fetch(`${gateway.url}/fails`);

    // Assert
    expect(response.status).toBe(502);
    expect(await json(response)).toEqual({ message: 'Internal server error' });
  });

  it('should answer 504 at the integration timeout even when the function never answers', async () => {
    // Arrange
    const started = Date.now();

    // Act
    const response = await fetch(`${gateway.url}/slow`);

    // Assert
    expect(response.status).toBe(504);
    expect(await json(response)).toEqual({ message: 'Endpoint request timed out' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(gateway.calls.find((call) => call.functionId === 'Slow')?.timeoutMs).toBe(200);
  });

  it('should answer 504 when invoke reports a TimeoutError', async () => {
    // Act
    const response = await fetch(`${gateway.url}/times-out`);

    // Assert
    expect(response.status).toBe(504);
    expect(await json(response)).toEqual({ message: 'Endpoint request timed out' });
  });

  it('should answer 503 when the invoker has no room for the request, so the client retries', async () => {
    // Act
    const response = await fetch(`${gateway.url}/busy`);

    // Assert
    expect(response.status).toBe(503);
    expect(response.headers.get('x-amzn-errortype')).toBe('ServiceUnavailableException');
    expect(await json(response)).toEqual({ message: 'Service Unavailable' });
  });
});
