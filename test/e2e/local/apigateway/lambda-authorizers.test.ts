import type { APIGatewayRequestAuthorizerEvent, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { checkApiTemplate, UnsupportedTemplateError } from '../../../../local/apigateway';
import {
  type ApiSpec,
  apiTemplate,
  authorizerEvents,
  type FakeFunction,
  type GatewayUnderTest,
  json,
  REGION,
  startGateway,
} from './apigateway-fixture';

/** A policy for one statement, as authorizer functions build it. */
const policy = (effect: 'Allow' | 'Deny', resource: string | string[], extra: object = {}) => ({
  principalId: 'user-42',
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
  },
  ...extra,
});

/** An authorizer function that decides by token, the way the AWS blueprints do. */
const tokenAuthorizer: FakeFunction = (received) => {
  const event = received as unknown as APIGatewayTokenAuthorizerEvent;
  const apiArn = event.methodArn.split('/').slice(0, 2).join('/');
  switch (event.authorizationToken) {
    case 'Bearer allow':
      return policy('Allow', `${apiArn}/*`, { context: { tenant: 'acme', tier: 3, admin: false } });
    case 'Bearer deny':
      return policy('Deny', `${apiArn}/*`);
    case 'Bearer only-orders':
      return policy('Allow', `${apiArn}/GET/orders`);
    case 'Bearer nested-context':
      return policy('Allow', '*', { context: { roles: ['a', 'b'] } });
    case 'Bearer conditional-allow':
      return {
        principalId: 'user-42',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Action: 'execute-api:Invoke',
              Effect: 'Allow',
              Resource: '*',
              Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
            },
          ],
        },
      };
    case 'Bearer garbage':
      return { allowed: true };
    case 'Bearer crash':
      throw new TypeError('cannot read the token');
    case 'Bearer refused-by-runtime':
      // How the local Lambda runtime reports a handler that threw Error('Unauthorized').
      throw Object.assign(new Error('TokenFn: Error: Unauthorized'), { errorMessage: 'Unauthorized' });
    default:
      throw new Error('Unauthorized');
  }
};

const spec = (ttlSeconds?: number): ApiSpec => ({
  authorizers: {
    TokenAuth: {
      type: 'TOKEN',
      functionId: 'TokenFn',
      validationExpression: '^Bearer [-a-z]+$',
      ttlSeconds,
    },
    RequestAuth: {
      type: 'REQUEST',
      functionId: 'RequestFn',
      identitySource: 'method.request.header.X-Tenant, method.request.querystring.key',
      ttlSeconds: 0,
    },
  },
  routes: [
    {
      method: 'GET',
      path: '/orders',
      functionId: 'Orders',
      authorization: 'CUSTOM',
      authorizerId: 'TokenAuth',
    },
    {
      method: 'GET',
      path: '/invoices',
      functionId: 'Invoices',
      authorization: 'CUSTOM',
      authorizerId: 'TokenAuth',
    },
    {
      method: 'GET',
      path: '/reports/{id}',
      functionId: 'Reports',
      authorization: 'CUSTOM',
      authorizerId: 'RequestAuth',
    },
  ],
});

const requestAuthorizer: FakeFunction = (received) => {
  const event = received as unknown as APIGatewayRequestAuthorizerEvent;
  return event.headers?.['X-Tenant'] === 'acme' && event.queryStringParameters?.key === 'k1'
    ? policy('Allow', event.methodArn)
    : policy('Deny', event.methodArn, { context: { reason: 'tenant suspended' } });
};

const echoAuthorizer: FakeFunction = (event) => ({
  statusCode: 200,
  body: JSON.stringify(event.requestContext.authorizer),
});

describe('Lambda authorizers', () => {
  let gateway: GatewayUnderTest;
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}${path}`, { headers });

  afterEach(async () => {
    await gateway.stop();
  });

  describe('TOKEN', () => {
    beforeEach(async () => {
      gateway = await startGateway(apiTemplate(spec(0)), {
        TokenFn: tokenAuthorizer,
        Orders: echoAuthorizer,
      });
    });

    it('should refuse a request without a token with 401, without calling the authorizer', async () => {
      // Act
      const response = await get('/orders');

      // Assert
      expect(response.status).toBe(401);
      expect(response.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
      expect(await json(response)).toEqual({ message: 'Unauthorized' });
      expect(authorizerEvents(gateway, 'TokenFn')).toHaveLength(0);
      expect(gateway.calls.some((call) => call.functionId === 'Orders')).toBe(false);
    });

    it('should refuse a token that fails the validation expression with 401, without a call', async () => {
      // Act
      const response = await get('/orders', { Authorization: 'Basic dXNlcg==' });

      // Assert
      expect(response.status).toBe(401);
      expect(authorizerEvents(gateway, 'TokenFn')).toHaveLength(0);
    });

    it('should answer 401 when the authorizer throws Unauthorized', async () => {
      // Act
      const response = await get('/orders', { Authorization: 'Bearer stranger' });
      const viaRuntime = await get('/orders', { Authorization: 'Bearer refused-by-runtime' });

      // Assert
      expect([response.status, viaRuntime.status]).toEqual([401, 401]);
      expect(await json(response)).toEqual({ message: 'Unauthorized' });
      expect(gateway.calls.some((call) => call.functionId === 'Orders')).toBe(false);
    });

    it('should answer 403 with an explicit deny', async () => {
      // Act
      const response = await get('/orders', { Authorization: 'Bearer deny' });

      // Assert
      expect(response.status).toBe(403);
      expect(response.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
      expect(await json(response)).toEqual({
        message: 'User is not authorized to access this resource with an explicit deny',
      });
      expect(gateway.calls.some((call) => call.functionId === 'Orders')).toBe(false);
    });

    it('should answer 403 when no statement allows the method ARN', async () => {
      // Act
      const response = await get('/invoices', { Authorization: 'Bearer only-orders' });

      // Assert
      expect(response.status).toBe(403);
      expect(await json(response)).toEqual({ message: 'User is not authorized to access this resource' });
    });

    it('should not let an Allow it cannot evaluate (a Condition) grant access', async () => {
      // Act
      const response = await get('/orders', { Authorization: 'Bearer conditional-allow' });

      // Assert
      expect(response.status).toBe(403);
    });

    it('should answer 500 when the authorizer fails or answers something that is not a policy', async () => {
      // Act
      const crashed = await get('/orders', { Authorization: 'Bearer crash' });
      const garbage = await get('/orders', { Authorization: 'Bearer garbage' });
      const nested = await get('/orders', { Authorization: 'Bearer nested-context' });

      // Assert
      for (const response of [crashed, garbage, nested]) {
        expect(response.status).toBe(500);
        expect(response.headers.get('x-amzn-errortype')).toBe('AuthorizerConfigurationException');
        expect(await json(response)).toEqual({ message: null });
      }
    });

    it('should pass an allowed request on with the principal and context, and send the token event', async () => {
      // Act
      const response = await get('/orders', { Authorization: 'Bearer allow' });

      // Assert
      expect(response.status).toBe(200);
      expect(await json(response)).toEqual({
        principalId: 'user-42',
        integrationLatency: expect.any(Number),
        tenant: 'acme',
        tier: '3',
        admin: 'false',
      });
      const [event] = authorizerEvents(gateway, 'TokenFn');
      expect(event).toEqual({
        type: 'TOKEN',
        authorizationToken: 'Bearer allow',
        methodArn: expect.stringMatching(
          new RegExp(`^arn:aws:execute-api:${REGION}:000000000000:\\w+/prod/GET/orders$`),
        ),
      });
    });
  });

  describe('result cache', () => {
    let now = 1_000_000;
    const clock = { now: () => now };

    it('should reuse a policy for the same token within the TTL and evaluate it per method', async () => {
      // Arrange
      gateway = await startGateway(apiTemplate(spec()), { TokenFn: tokenAuthorizer }, clock);

      // Act
      const first = await get('/orders', { Authorization: 'Bearer only-orders' });
      now += 299_000;
      const cached = await get('/orders', { Authorization: 'Bearer only-orders' });
      const otherMethod = await get('/invoices', { Authorization: 'Bearer only-orders' });
      now += 2_000;
      const expired = await get('/orders', { Authorization: 'Bearer only-orders' });

      // Assert
      expect([first.status, cached.status, otherMethod.status, expired.status]).toEqual([200, 200, 403, 200]);
      // The default TTL is 300 s: one call, then one after it ran out.
      expect(authorizerEvents(gateway, 'TokenFn')).toHaveLength(2);
    });

    it('should call the authorizer on every request when the TTL is 0', async () => {
      // Arrange
      gateway = await startGateway(apiTemplate(spec(0)), { TokenFn: tokenAuthorizer }, clock);

      // Act
      await get('/orders', { Authorization: 'Bearer allow' });
      await get('/orders', { Authorization: 'Bearer allow' });

      // Assert
      expect(authorizerEvents(gateway, 'TokenFn')).toHaveLength(2);
    });
  });

  describe('REQUEST', () => {
    beforeEach(async () => {
      gateway = await startGateway(apiTemplate(spec()), { RequestFn: requestAuthorizer });
    });

    it('should refuse with 401, without a call, when any identity source is missing', async () => {
      // Act
      const noQuery = await get('/reports/7', { 'X-Tenant': 'acme' });
      const noHeader = await get('/reports/7?key=k1');

      // Assert
      expect([noQuery.status, noHeader.status]).toEqual([401, 401]);
      expect(authorizerEvents(gateway, 'RequestFn')).toHaveLength(0);
    });

    it('should send the request event and enforce the policy it returns', async () => {
      // Act
      const allowed = await get('/reports/7?key=k1', { 'X-Tenant': 'acme' });
      const denied = await get('/reports/7?key=k1', { 'X-Tenant': 'other' });

      // Assert
      expect([allowed.status, denied.status]).toEqual([200, 403]);
      const [event] = authorizerEvents(gateway, 'RequestFn') as APIGatewayRequestAuthorizerEvent[];
      expect(event).toMatchObject({
        type: 'REQUEST',
        methodArn: expect.stringMatching(/\/prod\/GET\/reports\/7$/),
        resource: '/reports/{id}',
        path: '/reports/7',
        httpMethod: 'GET',
        headers: expect.objectContaining({ 'X-Tenant': 'acme' }),
        queryStringParameters: { key: 'k1' },
        pathParameters: { id: '7' },
        requestContext: expect.objectContaining({ stage: 'prod', resourcePath: '/reports/{id}' }),
      });
      expect(event).not.toHaveProperty('body');
    });
  });
});

describe('Lambda authorizers, corner cases', () => {
  let gateway: GatewayUnderTest;

  afterEach(async () => {
    await gateway.stop();
  });

  it('should not let one identity reuse the cached policy of another whose values join the same', async () => {
    // Arrange: the cache key must keep identity values apart, whatever characters they hold.
    gateway = await startGateway(
      apiTemplate({
        authorizers: {
          Auth: {
            type: 'REQUEST',
            functionId: 'AuthFn',
            identitySource: 'method.request.querystring.a, method.request.querystring.b',
          },
        },
        routes: [
          {
            method: 'GET',
            path: '/orders',
            functionId: 'Orders',
            authorization: 'CUSTOM',
            authorizerId: 'Auth',
          },
        ],
      }),
      {
        AuthFn: (received) => {
          const event = received as unknown as APIGatewayRequestAuthorizerEvent;
          const query = event.queryStringParameters ?? {};
          return policy(query.a === 'alice\nadmin' && query.b === 'pw' ? 'Allow' : 'Deny', event.methodArn);
        },
      },
    );

    // Act
    const first = await fetch(`${gateway.url}/orders?a=alice%0Aadmin&b=pw`);
    const other = await fetch(`${gateway.url}/orders?a=alice&b=admin%0Apw`);

    // Assert
    expect([first.status, other.status]).toEqual([200, 403]);
    expect(authorizerEvents(gateway, 'AuthFn')).toHaveLength(2);
  });

  it('should give a refused caller’s authorizer context to the ACCESS_DENIED gateway response', async () => {
    // Arrange
    gateway = await startGateway(
      apiTemplate({
        ...spec(),
        gatewayResponses: {
          ACCESS_DENIED: { templates: { 'application/json': '{"reason":"$context.authorizer.reason"}' } },
        },
      }),
      { RequestFn: requestAuthorizer },
    );

    // Act
    const response = await fetch(`${gateway.url}/reports/7?key=k1`, { headers: { 'X-Tenant': 'other' } });

    // Assert
    expect(response.status).toBe(403);
    expect(await json(response)).toEqual({ reason: 'tenant suspended' });
  });
});

describe('authorizers the local gateway cannot enforce', () => {
  const withAuthorizer = (
    authorizers: ApiSpec['authorizers'],
    authorization: 'CUSTOM' | 'COGNITO_USER_POOLS',
  ) =>
    apiTemplate({
      authorizers,
      routes: [{ method: 'GET', path: '/orders', functionId: 'Orders', authorization, authorizerId: 'Auth' }],
    });

  it('should refuse a Cognito user-pool method, naming it, rather than serve it open', () => {
    // Arrange
    const template = withAuthorizer({ Auth: { type: 'COGNITO_USER_POOLS' } }, 'COGNITO_USER_POOLS');

    // Act
    const check = () => checkApiTemplate(template, REGION);

    // Assert
    expect(check).toThrow(UnsupportedTemplateError);
    expect(check).toThrow(/MethodGETorders: GET \/orders uses a Cognito user-pool authorizer/);
  });

  it('should refuse a CUSTOM method whose authorizer is missing or runs no template function', () => {
    // Arrange
    const missing = withAuthorizer({}, 'CUSTOM');
    const noFunction = withAuthorizer({ Auth: { type: 'TOKEN' } }, 'CUSTOM');

    // Assert
    expect(() => checkApiTemplate(missing, REGION)).toThrow(
      /MethodGETorders: .*names no AWS::ApiGateway::Authorizer/,
    );
    expect(() => checkApiTemplate(noFunction, REGION)).toThrow(
      /Auth: its AuthorizerUri names no Lambda function/,
    );
  });

  it('should refuse API keys taken from an authorizer, which it does not emulate', () => {
    // Arrange
    const template = apiTemplate({
      routes: [
        { method: 'GET', path: '/orders', functionId: 'Orders', authorization: 'NONE', apiKeyRequired: true },
      ],
      extraResources: {},
    });
    const api = template.Resources.Api as { Properties: Record<string, unknown> };
    api.Properties.ApiKeySourceType = 'AUTHORIZER';

    // Assert
    expect(() => checkApiTemplate(template, REGION)).toThrow(
      /Api: ApiKeySourceType AUTHORIZER .* MethodGETorders requires an API key/,
    );
  });

  it('should refuse a caching REQUEST authorizer without identity sources and an invalid TTL', () => {
    // Arrange
    const noSources = withAuthorizer(
      { Auth: { type: 'REQUEST', functionId: 'Fn', identitySource: '' } },
      'CUSTOM',
    );
    const badTtl = withAuthorizer({ Auth: { type: 'TOKEN', functionId: 'Fn', ttlSeconds: 7200 } }, 'CUSTOM');

    // Assert
    expect(() => checkApiTemplate(noSources, REGION)).toThrow(/needs identity sources/);
    expect(() => checkApiTemplate(badTtl, REGION)).toThrow(/AuthorizerResultTtlInSeconds must be 0 to 3600/);
  });
});
