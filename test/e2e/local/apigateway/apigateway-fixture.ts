import { SignatureV4 } from '@smithy/signature-v4';
import type { APIGatewayAuthorizerEvent, APIGatewayProxyEvent } from 'aws-lambda';
import { NodeSha256 } from '../../../../common/node-sha256';
import {
  type RunningApiGateway,
  type StartApiGatewayOptions,
  startApiGateway,
} from '../../../../local/apigateway';

export const REGION = 'us-east-1';
export const CREDENTIALS = { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret' } as const;

/** One method of a synthetic API, shaped like what `IngestApi.addRoute` synthesizes. */
export interface RouteSpec {
  readonly method: string;
  /** e.g. `/tasks/{taskId}` */
  readonly path: string;
  readonly functionId: string;
  /** @default 'AWS_IAM' */
  readonly authorization?: 'NONE' | 'AWS_IAM' | 'CUSTOM' | 'COGNITO_USER_POOLS';
  /** The `authorizers` key a CUSTOM or Cognito method names. */
  readonly authorizerId?: string;
  readonly timeoutMs?: number;
  /** Model name for `application/json` bodies. */
  readonly model?: string;
  /** `method.request.*` keys that are required. */
  readonly requiredParameters?: readonly string[];
  /** Attach the API's body+parameters validator. @default true */
  readonly validate?: boolean;
  readonly apiKeyRequired?: boolean;
}

export interface GatewayResponseSpec {
  readonly statusCode?: string;
  readonly templates?: Record<string, string>;
  readonly parameters?: Record<string, string>;
}

/** An `AWS::ApiGateway::Authorizer` as CDK's TokenAuthorizer, RequestAuthorizer or Cognito one renders it. */
export interface AuthorizerSpec {
  readonly type: 'TOKEN' | 'REQUEST' | 'COGNITO_USER_POOLS';
  /** The authorizer function's logical id (none for Cognito). */
  readonly functionId?: string;
  /** @default 'method.request.header.Authorization' */
  readonly identitySource?: string;
  readonly validationExpression?: string;
  /** Left out of the template when undefined, so API Gateway's default (300) applies. */
  readonly ttlSeconds?: number;
}

export interface ApiSpec {
  readonly routes: readonly RouteSpec[];
  readonly authorizers?: Readonly<Record<string, AuthorizerSpec>>;
  readonly models?: Readonly<Record<string, object>>;
  readonly gatewayResponses?: Readonly<Record<string, GatewayResponseSpec>>;
  readonly throttle?: { readonly rate: number; readonly burst: number };
  /** Per-method limits, e.g. `{ path: '/reports', method: 'GET', rate: 1, burst: 1 }`. */
  readonly methodThrottles?: readonly { path: string; method: string; rate: number; burst: number }[];
  readonly binaryMediaTypes?: readonly string[];
  /** @default 'prod' */
  readonly stageName?: string;
  /** Extra raw resources, e.g. a MOCK method. */
  readonly extraResources?: Readonly<Record<string, object>>;
}

const logicalId = (prefix: string, text: string): string => `${prefix}${text.replace(/[^A-Za-z0-9]/g, '')}`;

/** Builds a CloudFormation template with the resource shapes CDK emits for a REST API. */
export function apiTemplate(spec: ApiSpec): { Resources: Record<string, object> } {
  const resources: Record<string, object> = {
    Api: {
      Type: 'AWS::ApiGateway::RestApi',
      Properties: { Name: 'Api', BinaryMediaTypes: spec.binaryMediaTypes },
    },
    Validator: {
      Type: 'AWS::ApiGateway::RequestValidator',
      Properties: { RestApiId: { Ref: 'Api' }, ValidateRequestBody: true, ValidateRequestParameters: true },
    },
    Deployment: { Type: 'AWS::ApiGateway::Deployment', Properties: { RestApiId: { Ref: 'Api' } } },
    Stage: {
      Type: 'AWS::ApiGateway::Stage',
      Properties: {
        RestApiId: { Ref: 'Api' },
        DeploymentId: { Ref: 'Deployment' },
        StageName: spec.stageName ?? 'prod',
        MethodSettings: [
          ...(spec.throttle
            ? [
                {
                  HttpMethod: '*',
                  ResourcePath: '/*',
                  ThrottlingRateLimit: spec.throttle.rate,
                  ThrottlingBurstLimit: spec.throttle.burst,
                },
              ]
            : []),
          // MethodSettings name a resource path with its slashes escaped as `~1`.
          ...(spec.methodThrottles ?? []).map((limit) => ({
            HttpMethod: limit.method,
            ResourcePath: `/${limit.path.replace(/\//g, '~1')}`,
            ThrottlingRateLimit: limit.rate,
            ThrottlingBurstLimit: limit.burst,
          })),
        ],
      },
    },
  };
  const resourceIdFor = (path: string): object => {
    const parts = path.split('/').filter(Boolean);
    let parent: object = { 'Fn::GetAtt': ['Api', 'RootResourceId'] };
    let soFar = '';
    for (const part of parts) {
      soFar += `/${part}`;
      const id = logicalId('Resource', soFar.replace(/\+/g, 'Greedy'));
      resources[id] ??= {
        Type: 'AWS::ApiGateway::Resource',
        Properties: { ParentId: parent, PathPart: part, RestApiId: { Ref: 'Api' } },
      };
      parent = { Ref: id };
    }
    return parent;
  };
  for (const [name, schema] of Object.entries(spec.models ?? {})) {
    resources[logicalId('Model', name)] = {
      Type: 'AWS::ApiGateway::Model',
      Properties: { ContentType: 'application/json', Name: name, RestApiId: { Ref: 'Api' }, Schema: schema },
    };
  }
  const lambdaUri = (functionId: string) => ({
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':apigateway:',
        { Ref: 'AWS::Region' },
        ':lambda:path/2015-03-31/functions/',
        { 'Fn::GetAtt': [functionId, 'Arn'] },
        '/invocations',
      ],
    ],
  });
  for (const [id, authorizer] of Object.entries(spec.authorizers ?? {})) {
    if (authorizer.functionId !== undefined) {
      resources[authorizer.functionId] ??= {
        Type: 'AWS::Lambda::Function',
        Properties: { Handler: 'index.handler', Timeout: 10 },
      };
    }
    resources[id] = {
      Type: 'AWS::ApiGateway::Authorizer',
      Properties: {
        Name: id,
        RestApiId: { Ref: 'Api' },
        Type: authorizer.type,
        AuthorizerUri: authorizer.functionId === undefined ? undefined : lambdaUri(authorizer.functionId),
        IdentitySource: authorizer.identitySource ?? 'method.request.header.Authorization',
        IdentityValidationExpression: authorizer.validationExpression,
        AuthorizerResultTtlInSeconds: authorizer.ttlSeconds,
        ProviderARNs:
          authorizer.type === 'COGNITO_USER_POOLS'
            ? ['arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_example']
            : undefined,
      },
    };
  }
  for (const route of spec.routes) {
    resources[route.functionId] ??= {
      Type: 'AWS::Lambda::Function',
      Properties: { Handler: 'index.handler', Timeout: 10 },
    };
    resources[logicalId(`Method${route.method}`, route.path.replace(/\+/g, 'Greedy'))] = {
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        AuthorizationType: route.authorization ?? 'AWS_IAM',
        AuthorizerId: route.authorizerId === undefined ? undefined : { Ref: route.authorizerId },
        ApiKeyRequired: route.apiKeyRequired,
        HttpMethod: route.method,
        Integration: {
          IntegrationHttpMethod: 'POST',
          TimeoutInMillis: route.timeoutMs ?? 29000,
          Type: 'AWS_PROXY',
          Uri: lambdaUri(route.functionId),
        },
        RequestModels: route.model
          ? { 'application/json': { Ref: logicalId('Model', route.model) } }
          : undefined,
        RequestParameters: Object.fromEntries((route.requiredParameters ?? []).map((key) => [key, true])),
        RequestValidatorId: route.validate === false ? undefined : { Ref: 'Validator' },
        ResourceId: resourceIdFor(route.path),
        RestApiId: { Ref: 'Api' },
      },
    };
  }
  for (const [type, response] of Object.entries(spec.gatewayResponses ?? {})) {
    resources[logicalId('GatewayResponse', type)] = {
      Type: 'AWS::ApiGateway::GatewayResponse',
      Properties: {
        ResponseType: type,
        RestApiId: { Ref: 'Api' },
        StatusCode: response.statusCode,
        ResponseTemplates: response.templates,
        ResponseParameters: response.parameters,
      },
    };
  }
  Object.assign(resources, spec.extraResources ?? {});
  return { Resources: resources };
}

/** A call the gateway made to `invoke`. */
export interface RecordedCall {
  readonly functionId: string;
  /** A proxy event, or an authorizer's event for an authorizer function (`authorizerEvents`). */
  readonly event: APIGatewayProxyEvent;
  readonly timeoutMs: number;
}

export type FakeFunction = (event: APIGatewayProxyEvent) => unknown;

/** The events an authorizer function received, in order. */
export const authorizerEvents = (
  gateway: GatewayUnderTest,
  functionId: string,
): APIGatewayAuthorizerEvent[] =>
  gateway.calls
    .filter((call) => call.functionId === functionId)
    .map((call) => call.event as unknown as APIGatewayAuthorizerEvent);

export interface GatewayUnderTest {
  readonly url: string;
  readonly calls: RecordedCall[];
  readonly gateway: RunningApiGateway;
  /** The last event the named function received. */
  lastEvent(functionId: string): APIGatewayProxyEvent;
  stop(): Promise<void>;
}

/** A function that echoes a 200 JSON answer. */
export const ok: FakeFunction = () => ({ statusCode: 200, body: JSON.stringify({ ok: true }) });

/**
 * Starts the emulator on an ephemeral port with a fake `invoke` that records every event and
 * answers with `functions[functionId]` (a 200 by default).
 */
export async function startGateway(
  template: object,
  functions: Readonly<Record<string, FakeFunction>> = {},
  settings: Pick<StartApiGatewayOptions, 'now' | 'scope'> = {},
): Promise<GatewayUnderTest> {
  const calls: RecordedCall[] = [];
  const gateway = await startApiGateway({
    template,
    port: 0,
    region: REGION,
    credentials: CREDENTIALS,
    ...settings,
    invoke: (functionId, received, timeoutMs) => {
      // Authorizer events are told apart by the tests that define authorizers (`authorizerEvents`).
      const event = received as APIGatewayProxyEvent;
      calls.push({ functionId, event, timeoutMs });
      return Promise.resolve().then(() => (functions[functionId] ?? ok)(event));
    },
  });
  return {
    url: gateway.url,
    calls,
    gateway,
    lastEvent: (functionId) => {
      const call = calls.filter((recorded) => recorded.functionId === functionId).at(-1);
      if (!call) throw new Error(`${functionId} was not invoked`);
      return call.event;
    },
    stop: () => gateway.stop(),
  };
}

export interface SignedFetchOptions {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly region?: string;
  readonly signingDate?: Date;
}

/** Builds the smithy request for `url`, query values kept as the URL has them. */
const smithyRequest = (url: URL, options: SignedFetchOptions) => {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const existing = query[key];
    query[key] =
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return {
    method: options.method ?? 'GET',
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query,
    headers: { host: url.host, ...(options.headers ?? {}) },
    body: options.body,
  };
};

const signer = (options: SignedFetchOptions) =>
  new SignatureV4({
    service: 'execute-api',
    region: options.region ?? REGION,
    credentials: options.credentials ?? CREDENTIALS,
    sha256: NodeSha256,
  });

/** The headers a SigV4 signature of the request adds, without Host (fetch sets the same one itself). */
export async function signedHeaders(
  url: string,
  options: SignedFetchOptions = {},
): Promise<Record<string, string>> {
  const signed = await signer(options).sign(smithyRequest(new URL(url), options), {
    signingDate: options.signingDate,
  });
  const { host: _host, ...headers } = signed.headers;
  return headers;
}

/** fetch with a SigV4 `Authorization` header, as the AWS SDK signs execute-api requests. */
export async function signedFetch(url: string, options: SignedFetchOptions = {}): Promise<Response> {
  const headers = await signedHeaders(url, options);
  return fetch(url, { method: options.method ?? 'GET', headers, body: options.body });
}

/** A presigned URL (SigV4 in the query string). */
export async function presignedUrl(url: string, options: SignedFetchOptions = {}): Promise<string> {
  const parsed = new URL(url);
  const presigned = await signer(options).presign(smithyRequest(parsed, options), { expiresIn: 60 });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(presigned.query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  return `${parsed.origin}${parsed.pathname}?${search.toString()}`;
}

/** Parses a JSON response body. */
export const json = async (response: Response): Promise<unknown> => JSON.parse(await response.text());

/**
 * An OPTIONS method answering CORS preflights the way CDK's `defaultCorsPreflightOptions` renders
 * it: a MOCK integration allowing the first origin, and with several origins a template that
 * echoes whichever of them the request came from.
 */
export const corsPreflightMethod = (resourceId: string, origins: readonly string[]) => ({
  Type: 'AWS::ApiGateway::Method',
  Properties: {
    AuthorizationType: 'NONE',
    HttpMethod: 'OPTIONS',
    ResourceId: { Ref: resourceId },
    RestApiId: { Ref: 'Api' },
    Integration: {
      Type: 'MOCK',
      RequestTemplates: { 'application/json': '{ statusCode: 200 }' },
      IntegrationResponses: [
        {
          StatusCode: '204',
          ResponseParameters: {
            'method.response.header.Access-Control-Allow-Origin': `'${origins[0]}'`,
            'method.response.header.Access-Control-Allow-Methods': "'GET,POST,OPTIONS'",
          },
          ...(origins.length > 1 && {
            ResponseTemplates: {
              'application/json': [
                '#set($origin = $input.params().header.get("Origin"))',
                `#if(${origins.map((origin) => `$origin.matches("${origin}")`).join(' || ')})`,
                '  #set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)',
                '#end',
              ].join('\n'),
            },
          }),
        },
      ],
    },
  },
});
