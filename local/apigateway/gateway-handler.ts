import { randomBytes, randomUUID } from 'node:crypto';
import type {
  APIGatewayAuthorizerEvent,
  APIGatewayProxyEvent,
  APIGatewayRequestAuthorizerEvent,
} from 'aws-lambda';
import type { BrowserPolicy } from '../platform/browser-guard';
import { LOCAL_ACCOUNT_ID } from '../platform/local-account';
import type { SigV4Verifier } from '../platform/sigv4-verifier';
import type { ApiDefinition, StageDefinition } from './api-definition';
import {
  GatewayError,
  IntegrationBusyError,
  internalServerError,
  missingAuthenticationToken,
  serviceUnavailable,
} from './errors';
import { EXECUTE_API_SERVICE, signatureGatewayError } from './execute-api-signature';
import { type GatewayResponseRequest, type HttpAnswer, renderGatewayResponse } from './gateway-responses';
import { LambdaAuthorizers } from './lambda-authorizer';
import { buildProxyEvent, formatRequestTime, type RequestIdentity } from './proxy-event';
import { mapProxyResult } from './proxy-result';
import { lastHeader, parseQuery, type ReceivedRequest } from './received-request';
import { RequestValidator } from './request-validator';
import type { RouteMatch } from './route-table';
import { StageThrottle } from './throttle';

/** Invokes a template function with a proxy or authorizer event; see `startApiGateway`. */
export type InvokeFunction = (
  functionLogicalId: string,
  event: APIGatewayProxyEvent | APIGatewayAuthorizerEvent,
  timeoutMs: number,
) => Promise<unknown>;

export interface GatewayHandlerOptions {
  readonly api: ApiDefinition;
  readonly invoke: InvokeFunction;
  readonly verifier: SigV4Verifier;
  /** The region of the method ARNs Lambda authorizers see. */
  readonly region: string;
  /** Injectable clock for throttling and authorizer-cache tests. @default Date.now */
  readonly now?: () => number;
}

/** A received request the server already knows is over the payload limit. */
export interface HandledRequest extends ReceivedRequest {
  readonly tooLarge: boolean;
}

const requestTooLarge = () => new GatewayError('REQUEST_TOO_LARGE', 413, 'Request Too Large');
const throttled = () =>
  new GatewayError('THROTTLED', 429, 'Too Many Requests', { errorType: 'TooManyRequestsException' });
const invalidApiKey = () =>
  new GatewayError('INVALID_API_KEY', 403, 'Forbidden', { errorType: 'ForbiddenException' });
const integrationTimeout = () => new GatewayError('INTEGRATION_TIMEOUT', 504, 'Endpoint request timed out');

class IntegrationTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** API Gateway's extended request ids look like `Ab1cDEfGhIJ=`. */
const extendedRequestId = (): string => `${randomBytes(8).toString('base64').slice(0, 11)}=`;

/** X-Ray's trace header format: `Root=1-<8 hex epoch seconds>-<24 hex>`. */
const traceId = (epochMs: number): string =>
  `Root=1-${Math.floor(epochMs / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;

/**
 * The request pipeline of one REST API, in API Gateway's order: stage and route, payload limit,
 * throttling, IAM auth, API key, request validation, then the integration. Every failure is a
 * gateway response; nothing a client sends makes it throw.
 */
export class GatewayHandler {
  private readonly stages: ReadonlyMap<string, { stage: StageDefinition; throttle: StageThrottle }>;
  private readonly validator: RequestValidator;
  private readonly authorizers: LambdaAuthorizers;

  constructor(private readonly options: GatewayHandlerOptions) {
    const now = options.now ?? Date.now;
    this.authorizers = new LambdaAuthorizers(options.invoke, now);
    this.stages = new Map(
      options.api.stages.map((stage) => [
        stage.name,
        { stage, throttle: new StageThrottle(stage.throttle, stage.methodThrottles, now) },
      ]),
    );
    this.validator = new RequestValidator(
      options.api.models,
      (name) => `https://apigateway.amazonaws.com/restapis/${options.api.apiId}/models/${name}`,
    );
  }

  /**
   * What browsers may do on a path, from the template's CORS preflight (the `MOCK` OPTIONS method
   * of the resource): its preflights are answered as configured, whatever their origin, and a
   * cross-origin request is let through only from an origin its `Access-Control-Allow-Origin` names.
   * Without such a method, only the gateway's own loopback origin may call.
   */
  browserPolicy(fullRawPath: string, rawPath: string): BrowserPolicy {
    const stageName = fullRawPath.split('/')[1] ?? '';
    const preflight = this.stages.has(stageName)
      ? this.options.api.routes.match(rawPath, 'OPTIONS')?.method.integration
      : undefined;
    if (preflight?.kind !== 'mock') return { preflight: 'as-request' };
    const allowed = preflight.allowedOrigins;
    return {
      preflight: 'answer',
      allowsOrigin: (origin) => allowed.includes('*') || allowed.includes(origin),
    };
  }

  async handle(request: HandledRequest): Promise<HttpAnswer> {
    const epoch = Date.now();
    const stageName = request.fullRawPath.split('/')[1] ?? '';
    const entry = this.stages.get(stageName);
    const identity: RequestIdentity = {
      requestId: randomUUID(),
      extendedRequestId: extendedRequestId(),
      requestTimeEpoch: epoch,
      traceId: entry?.stage.tracingEnabled
        ? (lastHeader(request, 'x-amzn-trace-id') ?? traceId(epoch))
        : undefined,
      accessKeyId: undefined,
    };
    let match: RouteMatch | undefined;
    let caller: RequestIdentity = identity;
    let answer: HttpAnswer;
    try {
      if (!entry) throw missingAuthenticationToken();
      if (request.tooLarge) throw requestTooLarge();
      match = this.options.api.routes.match(request.rawPath, request.method);
      if (!match) throw missingAuthenticationToken();
      if (!entry.throttle.tryAcquire(match.method.resourcePath, request.method)) throw throttled();
      caller = await this.authorize(request, match, entry.stage, identity);
      this.checkApiKey(request, match);
      answer = await this.integrate(request, match, entry.stage, caller);
    } catch (error) {
      const gatewayError =
        error instanceof GatewayError ? error : internalServerError('API_CONFIGURATION_ERROR', 500);
      if (gatewayError.authorizer !== undefined) caller = { ...caller, authorizer: gatewayError.authorizer };
      answer = renderGatewayResponse(
        this.options.api,
        gatewayError,
        this.responseRequest(request, match, entry?.stage, caller),
      );
    }
    answer.headers['x-amzn-RequestId'] = identity.requestId;
    answer.headers['x-amz-apigw-id'] = identity.extendedRequestId;
    if (identity.traceId) answer.headers['X-Amzn-Trace-Id'] = identity.traceId;
    return answer;
  }

  private async authorize(
    request: ReceivedRequest,
    match: RouteMatch,
    stage: StageDefinition,
    identity: RequestIdentity,
  ): Promise<RequestIdentity> {
    let caller = identity;
    // Reading the API refused every other type (Cognito included), so no method runs open.
    const authorizer = match.method.authorizer;
    if (authorizer !== undefined) {
      const query = parseQuery(request.rawQuery);
      const granted = await this.authorizers.authorize({
        authorizer,
        stage: stage.name,
        methodArn: this.methodArn(stage.name, request),
        header: (name) => lastHeader(request, name),
        querystring: (name) => query.get(name)?.at(-1),
        stageVariables: stage.variables,
        context: this.responseRequest(request, match, stage, identity).context,
        requestEvent: () => {
          const {
            body: _body,
            isBase64Encoded: _encoded,
            ...event
          } = this.proxyEvent(request, match, stage, identity);
          // Built before any authorizer ran, so its requestContext.authorizer is undefined.
          return event as Omit<APIGatewayRequestAuthorizerEvent, 'type' | 'methodArn'>;
        },
      });
      caller = { ...identity, authorizer: granted };
    }
    if (match.method.authorizationType === 'AWS_IAM') {
      const verified = await this.options.verifier
        .verify(
          {
            method: request.method,
            // Clients sign the whole path, stage included.
            rawPath: request.fullRawPath,
            rawQuery: request.rawQuery,
            headers: request.headers,
            body: request.body,
          },
          EXECUTE_API_SERVICE,
        )
        .catch((error: unknown) => {
          throw signatureGatewayError(error);
        });
      caller = { ...identity, accessKeyId: verified.accessKeyId };
    }
    return caller;
  }

  private checkApiKey(request: ReceivedRequest, match: RouteMatch): void {
    if (!match.method.apiKeyRequired) return;
    const key = lastHeader(request, 'x-api-key');
    if (key === undefined || !this.options.api.apiKeys.has(key)) throw invalidApiKey();
  }

  private async integrate(
    request: ReceivedRequest,
    match: RouteMatch,
    stage: StageDefinition,
    identity: RequestIdentity,
  ): Promise<HttpAnswer> {
    const query = parseQuery(request.rawQuery);
    this.validator.validate(match.method, {
      header: (name) => lastHeader(request, name),
      query,
      pathParameters: match.pathParameters,
      body: request.body,
    });
    const integration = match.method.integration;
    if (integration.kind === 'mock') {
      return {
        statusCode: integration.statusCode,
        headers: { 'Content-Type': 'application/json', ...integration.headers },
        body: Buffer.from(integration.body, 'utf8'),
      };
    }
    if (integration.kind !== 'lambda-proxy') throw internalServerError('API_CONFIGURATION_ERROR', 500);
    const event = this.proxyEvent(request, match, stage, identity);
    const result = await this.invokeWithTimeout(integration.functionLogicalId, event, integration.timeoutMs);
    return mapProxyResult(result, this.options.api.binaryMediaTypes, lastHeader(request, 'accept'));
  }

  private proxyEvent(
    request: ReceivedRequest,
    match: RouteMatch,
    stage: StageDefinition,
    identity: RequestIdentity,
  ): APIGatewayProxyEvent {
    return buildProxyEvent({
      request,
      match,
      apiId: this.options.api.apiId,
      stage: stage.name,
      stageVariables: stage.variables,
      binaryMediaTypes: this.options.api.binaryMediaTypes,
      identity,
    });
  }

  /** The ARN Lambda authorizer policies name: `.../<stage>/<VERB>/<path without its first slash>`. */
  private methodArn(stage: string, request: ReceivedRequest): string {
    const { region, api } = this.options;
    return `arn:aws:execute-api:${region}:${LOCAL_ACCOUNT_ID}:${api.apiId}/${stage}/${request.method}/${request.rawPath.replace(/^\//, '')}`;
  }

  /** API Gateway stops waiting at the integration timeout whatever the function's own timeout. */
  private async invokeWithTimeout(
    functionLogicalId: string,
    event: APIGatewayProxyEvent,
    timeoutMs: number,
  ): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new IntegrationTimeoutError()), timeoutMs);
    });
    try {
      return await Promise.race([
        Promise.resolve().then(() => this.options.invoke(functionLogicalId, event, timeoutMs)),
        deadline,
      ]);
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError') throw integrationTimeout();
      if (error instanceof IntegrationBusyError) throw serviceUnavailable();
      throw internalServerError('INTEGRATION_FAILURE', 502);
    } finally {
      clearTimeout(timer);
    }
  }

  /** What gateway response templates and parameters may read of this request. */
  private responseRequest(
    request: ReceivedRequest,
    match: RouteMatch | undefined,
    stage: StageDefinition | undefined,
    identity: RequestIdentity,
  ): GatewayResponseRequest {
    const query = parseQuery(request.rawQuery);
    const host = lastHeader(request, 'host') ?? '';
    const iam = identity.accessKeyId !== undefined;
    const context: Record<string, string> = {
      'context.accountId': LOCAL_ACCOUNT_ID,
      'context.apiId': this.options.api.apiId,
      'context.domainName': host,
      'context.domainPrefix': host.split('.')[0] ?? '',
      'context.extendedRequestId': identity.extendedRequestId,
      'context.httpMethod': request.method,
      'context.identity.sourceIp': request.sourceIp,
      'context.identity.userAgent': lastHeader(request, 'user-agent') ?? '',
      'context.path': request.fullRawPath,
      'context.protocol': request.protocol,
      'context.requestId': identity.requestId,
      'context.requestTime': formatRequestTime(identity.requestTimeEpoch),
      'context.requestTimeEpoch': String(identity.requestTimeEpoch),
      'context.resourceId': match?.method.resourceId ?? '',
      'context.resourcePath': match?.method.resourcePath ?? '',
      'context.stage': stage?.name ?? '',
    };
    if (identity.authorizer !== undefined) {
      context['context.authorizer.principalId'] = identity.authorizer.principalId;
      for (const [key, value] of Object.entries(identity.authorizer.context)) {
        context[`context.authorizer.${key}`] = value;
      }
    }
    if (iam) {
      context['context.identity.accessKey'] = identity.accessKeyId ?? '';
      context['context.identity.accountId'] = LOCAL_ACCOUNT_ID;
      context['context.identity.caller'] = identity.accessKeyId ?? '';
      context['context.identity.user'] = identity.accessKeyId ?? '';
      context['context.identity.userArn'] = `arn:aws:iam::${LOCAL_ACCOUNT_ID}:user/${identity.accessKeyId}`;
    }
    return {
      context,
      stageVariables: stage?.variables ?? {},
      header: (name) => lastHeader(request, name),
      querystring: (name) => query.get(name)?.at(-1),
      path: (name) => match?.pathParameters?.[name],
      accept: lastHeader(request, 'accept'),
    };
  }
}
