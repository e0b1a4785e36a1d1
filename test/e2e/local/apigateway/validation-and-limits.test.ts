import { apiTemplate, type GatewayUnderTest, json, signedFetch, startGateway } from './apigateway-fixture';

/** Gateway responses in the shape `IngestApi` gives them: one JSON error shape for every answer. */
const errorBody = (code: string, message: string) => `{"error":{"code":"${code}","message":${message}}}`;
const correlationHeader = {
  'gatewayresponse.header.x-correlation-id': 'method.request.header.X-Correlation-Id',
};

/** Plain, formal (`${...}`) and `$util` references, as gateway response templates write them. */
const NOT_FOUND_TEMPLATE =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: VTL's formal reference, not a JS placeholder
  '{"missing":"$util.escapeJavaScript($context.path)","requestId":"$context.requestId","stage":"${context.stage}"}';

const greetingModel = {
  $schema: 'http://json-schema.org/draft-04/schema#',
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 5 },
    count: { type: 'integer', minimum: 1 },
    kind: { type: 'string', enum: ['hello', 'webhook'] },
    email: { type: 'string', format: 'email' },
    site: { type: 'string', format: 'uri' },
    code: { type: 'string', format: 'x-not-a-known-format' },
  },
  required: ['name', 'kind'],
  additionalProperties: false,
};

const taskModel = {
  $schema: 'http://json-schema.org/draft-04/schema#',
  oneOf: [
    { type: 'object', properties: { type: { enum: ['hello'] } }, required: ['type'] },
    {
      type: 'object',
      properties: { type: { enum: ['webhook'] }, url: { type: 'string' } },
      required: ['type', 'url'],
    },
  ],
};

const template = () =>
  apiTemplate({
    models: { Greeting: greetingModel, Task: taskModel },
    routes: [
      { method: 'POST', path: '/greetings', functionId: 'Greet', authorization: 'NONE', model: 'Greeting' },
      { method: 'POST', path: '/tasks', functionId: 'SubmitTask', model: 'Task' },
      {
        method: 'GET',
        path: '/reports/{reportId}',
        functionId: 'Report',
        authorization: 'NONE',
        requiredParameters: [
          'method.request.path.reportId',
          'method.request.header.X-Tenant',
          'method.request.querystring.view',
        ],
      },
      { method: 'POST', path: '/uploads', functionId: 'Upload', authorization: 'NONE' },
    ],
    gatewayResponses: {
      BAD_REQUEST_BODY: {
        templates: {
          'application/json': errorBody('VALIDATION_FAILED', '"$context.error.validationErrorString"'),
        },
        parameters: correlationHeader,
      },
      DEFAULT_4XX: {
        templates: {
          'application/json': errorBody('$context.error.responseType', '$context.error.messageString'),
        },
        parameters: correlationHeader,
      },
      MISSING_AUTHENTICATION_TOKEN: {
        statusCode: '404',
        templates: {
          'application/json': NOT_FOUND_TEMPLATE,
        },
        parameters: { 'gatewayresponse.header.X-Static': "'fixed'" },
      },
    },
  });

interface ErrorBody {
  error: { code: string; message: string };
}

describe('API Gateway request validation, gateway responses and limits', () => {
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    gateway = await startGateway(template());
  });

  afterAll(async () => {
    await gateway.stop();
  });

  const postGreeting = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}/greetings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
    });

  it('should pass a body that matches the model to the function', async () => {
    // Act
    const response = await postGreeting('{"name":"Ada","kind":"hello","count":2}');

    // Assert
    expect(response.status).toBe(200);
    expect(gateway.lastEvent('Greet').body).toBe('{"name":"Ada","kind":"hello","count":2}');
  });

  it('should answer 400 through the BAD_REQUEST_BODY gateway response with AWS validation messages', async () => {
    // Arrange
    const invocations = gateway.calls.length;

    // Act
    const response = await postGreeting('{"count":0,"extra":true}', { 'X-Correlation-Id': 'corr-42' });

    // Assert
    expect(response.status).toBe(400);
    expect(response.headers.get('x-correlation-id')).toBe('corr-42');
    expect(response.headers.get('x-amzn-errortype')).toBe('BadRequestException');
    const body = (await json(response)) as ErrorBody;
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toBe(
      '[object has missing required properties (["kind","name"]), ' +
        'object instance has properties which are not allowed by the schema: ["extra"], ' +
        'numeric instance is lower than the required minimum (minimum: 1, found: 0)]',
    );
    expect(gateway.calls.length).toBe(invocations);
  });

  it('should describe type, enum and length failures like API Gateway', async () => {
    // Act
    const response = await postGreeting('{"name":"Adalovelace","kind":"other","count":"2"}');

    // Assert
    expect(response.status).toBe(400);
    const { error } = (await json(response)) as ErrorBody;
    expect(error.message).toContain('string "Adalovelace" is too long (length: 11, maximum allowed: 5)');
    expect(error.message).toContain(
      'instance value ("other") not found in enum (possible values: ["hello","webhook"])',
    );
    expect(error.message).toContain(
      'instance type (string) does not match any allowed primitive type (allowed: ["integer"])',
    );
  });

  it('should check the formats API Gateway checks and let unknown formats pass', async () => {
    // Act
    const response = await postGreeting(
      '{"name":"Ada","kind":"hello","email":"not-an-email","site":"has space","code":"anything"}',
    );

    // Assert
    expect(response.status).toBe(400);
    expect(((await json(response)) as ErrorBody).error.message).toBe(
      '[string "not-an-email" is not a valid email address, string "has space" is not a valid URI]',
    );
  });

  it('should report a failed oneOf once, not once per branch', async () => {
    // Act
    const response = await signedFetch(`${gateway.url}/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":"webhook"}',
    });

    // Assert
    expect(response.status).toBe(400);
    expect(((await json(response)) as ErrorBody).error.message).toBe(
      '[instance failed to match exactly one schema (matched 0 out of 2)]',
    );
  });

  it('should answer 400 to a body that is not JSON', async () => {
    // Act
    const response = await postGreeting('{"name":');

    // Assert
    expect(response.status).toBe(400);
    expect(((await json(response)) as ErrorBody).error.code).toBe('VALIDATION_FAILED');
  });

  it('should validate a request without Content-Type against the application/json model', async () => {
    // Act
    const response = await fetch(`${gateway.url}/greetings`, { method: 'POST', body: Buffer.from('{}') });

    // Assert
    expect(response.status).toBe(400);
  });

  it('should pass a content type the method has no model for without validating it', async () => {
    // Act
    const response = await postGreeting('not json at all', { 'Content-Type': 'text/plain' });

    // Assert
    expect(response.status).toBe(200);
  });

  it('should answer 400 BAD_REQUEST_PARAMETERS through DEFAULT_4XX when required parameters are missing', async () => {
    // Act
    const response = await fetch(`${gateway.url}/reports/r-1`, { headers: { 'X-Correlation-Id': 'corr-7' } });

    // Assert
    expect(response.status).toBe(400);
    expect(response.headers.get('x-correlation-id')).toBe('corr-7');
    expect(await json(response)).toEqual({
      error: {
        code: 'BAD_REQUEST_PARAMETERS',
        message: 'Missing required request parameters: [X-Tenant, view]',
      },
    });
  });

  it('should pass a request that has its required parameters', async () => {
    // Act
    const response = await fetch(`${gateway.url}/reports/r-1?view=full`, { headers: { 'x-tenant': 'acme' } });

    // Assert
    expect(response.status).toBe(200);
  });

  it('should apply a customized gateway response with its status code, static header and template', async () => {
    // Act
    const response = await fetch(`${gateway.url}/nowhere/"quoted"`);

    // Assert
    expect(response.status).toBe(404);
    expect(response.headers.get('x-static')).toBe('fixed');
    expect(await json(response)).toEqual({
      missing: '/prod/nowhere/%22quoted%22',
      requestId: response.headers.get('x-amzn-requestid'),
      stage: 'prod',
    });
  });

  it('should answer 413 through DEFAULT_4XX to a body over 10 MB', async () => {
    // Arrange
    const body = Buffer.alloc(10 * 1024 * 1024 + 1, 0x61);

    // Act
    const response = await fetch(`${gateway.url}/uploads`, { method: 'POST', body });

    // Assert
    expect(response.status).toBe(413);
    expect(((await json(response)) as ErrorBody).error.code).toBe('REQUEST_TOO_LARGE');
    expect(gateway.calls.some((call) => call.functionId === 'Upload')).toBe(false);
  });

  it('should accept a body of exactly 10 MB', async () => {
    // Arrange
    const body = Buffer.alloc(10 * 1024 * 1024, 0x61);

    // Act
    const response = await fetch(`${gateway.url}/uploads`, { method: 'POST', body });

    // Assert
    expect(response.status).toBe(200);
    expect(gateway.lastEvent('Upload').body?.length).toBe(body.length);
  });
});

describe('API Gateway stage throttling', () => {
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    gateway = await startGateway(
      apiTemplate({
        throttle: { rate: 0.001, burst: 2 },
        methodThrottles: [{ path: '/reports', method: 'GET', rate: 0.001, burst: 1 }],
        routes: [
          { method: 'GET', path: '/api/data', functionId: 'Hello', authorization: 'NONE' },
          { method: 'GET', path: '/reports', functionId: 'Reports', authorization: 'NONE' },
        ],
      }),
    );
  });

  afterAll(async () => {
    await gateway.stop();
  });

  const statusesOf = async (path: string, count: number): Promise<Response[]> => {
    const responses: Response[] = [];
    for (let attempt = 0; attempt < count; attempt += 1) responses.push(await fetch(`${gateway.url}${path}`));
    return responses;
  };

  it('should answer 429 Too Many Requests once the burst is spent', async () => {
    // Act
    const responses = await statusesOf('/api/data', 3);

    // Assert
    expect(responses.map((response) => response.status)).toEqual([200, 200, 429]);
    const throttled = responses[2] as Response;
    expect(throttled.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
    expect(await throttled.json()).toEqual({ message: 'Too Many Requests' });
    expect(gateway.calls.filter((call) => call.functionId === 'Hello')).toHaveLength(2);
  });

  it('should throttle a method with its own limits separately from the stage', async () => {
    // Act
    const responses = await statusesOf('/reports', 2);

    // Assert
    expect(responses.map((response) => response.status)).toEqual([200, 429]);
  });
});

describe('API Gateway API keys', () => {
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    gateway = await startGateway(
      apiTemplate({
        routes: [
          {
            method: 'GET',
            path: '/partner',
            functionId: 'Partner',
            authorization: 'NONE',
            apiKeyRequired: true,
          },
        ],
        extraResources: {
          PartnerKey: { Type: 'AWS::ApiGateway::ApiKey', Properties: { Value: 'partner-key-0001' } },
        },
      }),
    );
  });

  afterAll(async () => {
    await gateway.stop();
  });

  it.each<{ name: string; headers: Record<string, string>; status: number }>([
    { name: 'no key', headers: {}, status: 403 },
    { name: 'a wrong key', headers: { 'x-api-key': 'guess' }, status: 403 },
    { name: "the template's key", headers: { 'x-api-key': 'partner-key-0001' }, status: 200 },
  ])('should answer $status to a request with $name', async ({ headers, status }) => {
    // Act
    const response = await fetch(`${gateway.url}/partner`, { headers });

    // Assert
    expect(response.status).toBe(status);
    if (status === 403) expect(await json(response)).toEqual({ message: 'Forbidden' });
  });
});
