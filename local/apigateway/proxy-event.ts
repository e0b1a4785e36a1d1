import type { APIGatewayProxyEvent } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID } from '../platform/local-account';
import type { GrantedAuthorization } from './granted-authorization';
import { lastHeader, parseQuery, type ReceivedRequest } from './received-request';
import type { RouteMatch } from './route-table';

/** Per-request values API Gateway generates, shared by the event and the gateway responses. */
export interface RequestIdentity {
  readonly requestId: string;
  readonly extendedRequestId: string;
  readonly requestTimeEpoch: number;
  /** `X-Amzn-Trace-Id` to add when the stage traces and the client sent none. */
  readonly traceId: string | undefined;
  /** The access key of a verified SigV4 caller (IAM methods only). */
  readonly accessKeyId: string | undefined;
  /** What a Lambda authorizer granted (CUSTOM methods only). */
  readonly authorizer?: GrantedAuthorization;
}

export interface ProxyEventInput {
  readonly request: ReceivedRequest;
  readonly match: RouteMatch;
  readonly apiId: string;
  readonly stage: string;
  readonly stageVariables: Readonly<Record<string, string>>;
  readonly binaryMediaTypes: readonly string[];
  readonly identity: RequestIdentity;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `29/Nov/2026:15:34:46 +0000`, the format of `requestContext.requestTime`. */
export const formatRequestTime = (epochMs: number): string => {
  const date = new Date(epochMs);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(
    date.getUTCHours(),
  )}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
};

/** Whether a content type is one of the API's binary media types (`*` wildcards allowed). */
export const isBinaryMediaType = (
  contentType: string | undefined,
  binaryMediaTypes: readonly string[],
): boolean => {
  if (!contentType || binaryMediaTypes.length === 0) return false;
  const [type = '', subtype = ''] = (contentType.split(';')[0] ?? '').trim().toLowerCase().split('/');
  return binaryMediaTypes.some((pattern) => {
    const [patternType = '', patternSubtype = ''] = pattern.trim().toLowerCase().split('/');
    return (
      (patternType === '*' || patternType === type) && (patternSubtype === '*' || patternSubtype === subtype)
    );
  });
};

/**
 * Headers as API Gateway forwards them: the client's names and case, every value in
 * `multiValueHeaders`, the last one in `headers`, plus the `X-Forwarded-*` headers it adds.
 */
function forwardedHeaders(input: ProxyEventInput): {
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
} {
  const { request, identity } = input;
  const multiValueHeaders: Record<string, string[]> = {};
  const nameFor = new Map<string, string>();
  const add = (name: string, value: string): void => {
    const lower = name.toLowerCase();
    const key = nameFor.get(lower) ?? name;
    nameFor.set(lower, key);
    multiValueHeaders[key] = [...(multiValueHeaders[key] ?? []), value];
  };
  const replace = (name: string, value: string): void => {
    const key = nameFor.get(name.toLowerCase()) ?? name;
    nameFor.set(name.toLowerCase(), key);
    multiValueHeaders[key] = [value];
  };
  for (const [name, value] of request.headers) add(name, value);
  // The client's X-Forwarded-For is kept and the caller's address appended, as a proxy does.
  const forwardedFor = lastHeader(request, 'x-forwarded-for');
  replace('X-Forwarded-For', forwardedFor ? `${forwardedFor}, ${request.sourceIp}` : request.sourceIp);
  replace('X-Forwarded-Port', String(request.localPort));
  replace('X-Forwarded-Proto', 'http');
  if (identity.traceId && !nameFor.has('x-amzn-trace-id')) replace('X-Amzn-Trace-Id', identity.traceId);
  const headers = Object.fromEntries(
    Object.entries(multiValueHeaders).map(([name, values]) => [name, values.at(-1) ?? '']),
  );
  return { headers, multiValueHeaders };
}

/** Maps a received request to the REST API (payload 1.0) Lambda proxy event. */
export function buildProxyEvent(input: ProxyEventInput): APIGatewayProxyEvent {
  const { request, match, identity } = input;
  const { headers, multiValueHeaders } = forwardedHeaders(input);
  const query = parseQuery(request.rawQuery);
  const multiValueQueryStringParameters = query.size > 0 ? Object.fromEntries(query) : null;
  const queryStringParameters =
    query.size > 0
      ? Object.fromEntries([...query].map(([name, values]) => [name, values.at(-1) ?? '']))
      : null;
  const binary = isBinaryMediaType(lastHeader(request, 'content-type'), input.binaryMediaTypes);
  const host = lastHeader(request, 'host') ?? '';
  const iam = identity.accessKeyId !== undefined;
  return {
    resource: match.method.resourcePath,
    path: request.rawPath,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters,
    multiValueQueryStringParameters,
    pathParameters: match.pathParameters,
    stageVariables: Object.keys(input.stageVariables).length > 0 ? { ...input.stageVariables } : null,
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: input.apiId,
      authorizer:
        identity.authorizer === undefined
          ? undefined
          : {
              principalId: identity.authorizer.principalId,
              integrationLatency: identity.authorizer.integrationLatency,
              ...identity.authorizer.context,
            },
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      extendedRequestId: identity.extendedRequestId,
      httpMethod: request.method,
      identity: {
        accessKey: iam ? (identity.accessKeyId ?? null) : null,
        accountId: iam ? LOCAL_ACCOUNT_ID : null,
        apiKey: null,
        apiKeyId: null,
        // The local credentials stand for one IAM user named after its access key.
        caller: iam ? (identity.accessKeyId ?? null) : null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp,
        user: iam ? (identity.accessKeyId ?? null) : null,
        userAgent: lastHeader(request, 'user-agent') ?? null,
        userArn: iam ? `arn:aws:iam::${LOCAL_ACCOUNT_ID}:user/${identity.accessKeyId}` : null,
      },
      path: request.fullRawPath,
      protocol: request.protocol,
      requestId: identity.requestId,
      requestTime: formatRequestTime(identity.requestTimeEpoch),
      requestTimeEpoch: identity.requestTimeEpoch,
      resourceId: match.method.resourceId,
      resourcePath: match.method.resourcePath,
      stage: input.stage,
    },
    body: request.body.length === 0 ? null : request.body.toString(binary ? 'base64' : 'utf8'),
    isBase64Encoded: binary,
  };
}
