import type { APIGatewayProxyEvent } from 'aws-lambda';

export interface ApiEventOptions {
  readonly method?: string;
  readonly path?: string;
  readonly resource?: string;
  readonly body?: unknown;
  /** Sent as given; objects are JSON-encoded. */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  readonly pathParameters?: Record<string, string>;
  readonly userArn?: string;
}

/** A REST API proxy event as API Gateway sends it for a signed request on stage `prod`. */
export const apiEvent = (options: ApiEventOptions = {}): APIGatewayProxyEvent => {
  const path = options.path ?? '/tasks';
  const body = options.rawBody ?? (options.body === undefined ? null : JSON.stringify(options.body));
  return {
    httpMethod: options.method ?? 'POST',
    path,
    resource: options.resource ?? path,
    body,
    isBase64Encoded: false,
    headers: {
      Host: 'abc123.execute-api.us-east-1.amazonaws.com',
      'X-Forwarded-Proto': 'https',
      ...(body !== null ? { 'Content-Type': 'application/json' } : {}),
      ...options.headers,
    },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: options.pathParameters ?? null,
    stageVariables: null,
    requestContext: {
      accountId: '000000000000',
      apiId: 'abc123',
      authorizer: null,
      domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
      httpMethod: options.method ?? 'POST',
      path: `/prod${path}`,
      protocol: 'HTTP/1.1',
      requestId: 'request-1',
      requestTimeEpoch: Date.now(),
      resourceId: 'res',
      resourcePath: options.resource ?? path,
      stage: 'prod',
      identity: {
        accessKey: null,
        accountId: '000000000000',
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '203.0.113.7',
        user: null,
        userAgent: 'jest',
        userArn: options.userArn ?? 'arn:aws:iam::000000000000:user/client',
      },
    },
  };
};
