import type { APIGatewayAuthorizerEvent, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import type { LambdaAuthorizerDefinition } from './authorizer-definition';
import { accessDenied, authorizerConfigurationError, unauthorized } from './authorizer-errors';
import { type AuthorizerResult, evaluatePolicy, readAuthorizerResult } from './authorizer-policy';
import type { GrantedAuthorization } from './granted-authorization';

/** API Gateway waits no longer than this for any Lambda, authorizers included. */
const AUTHORIZER_TIMEOUT_MS = 29_000;
/** Distinct identities whose policies are kept; the oldest go first, so memory stays bounded. */
const MAX_CACHED_RESULTS = 10_000;

/** What one request offers an authorizer. */
export interface AuthorizationRequest {
  readonly authorizer: LambdaAuthorizerDefinition;
  readonly stage: string;
  /** `arn:aws:execute-api:<region>:<account>:<api>/<stage>/<VERB>/<path>`. */
  readonly methodArn: string;
  header(name: string): string | undefined;
  querystring(name: string): string | undefined;
  readonly stageVariables: Readonly<Record<string, string>>;
  /** `context.*` variables, keyed with the prefix (`context.identity.sourceIp`). */
  readonly context: Readonly<Record<string, string>>;
  /** The REQUEST authorizer's event fields: the proxy event without its body. */
  requestEvent(): Omit<APIGatewayRequestAuthorizerEvent, 'type' | 'methodArn'>;
}

export type InvokeAuthorizer = (
  functionLogicalId: string,
  event: APIGatewayAuthorizerEvent,
  timeoutMs: number,
) => Promise<unknown>;

/** The handler threw `Error('Unauthorized')`: Lambda reports the message as `errorMessage`. */
const saysUnauthorized = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const reported = (error as Error & { errorMessage?: unknown }).errorMessage;
  return (typeof reported === 'string' ? reported : error.message) === 'Unauthorized';
};

/**
 * Runs `TOKEN` and `REQUEST` Lambda authorizers the way API Gateway does: identity sources
 * first (a missing one is 401 without a call), then the function, whose policy is cached per
 * identity for the authorizer's TTL and evaluated against each request's method ARN.
 */
export class LambdaAuthorizers {
  private readonly cache = new Map<string, { expiresAt: number; result: AuthorizerResult }>();

  constructor(
    private readonly invoke: InvokeAuthorizer,
    private readonly now: () => number = Date.now,
  ) {}

  async authorize(request: AuthorizationRequest): Promise<GrantedAuthorization> {
    const { authorizer } = request;
    const identity = authorizer.identitySources.map((source) => {
      switch (source.from) {
        case 'header':
          return request.header(source.name);
        case 'querystring':
          return request.querystring(source.name);
        case 'stageVariables':
          return request.stageVariables[source.name];
        default:
          return request.context[`context.${source.name}`];
      }
    });
    if (identity.some((value) => value === undefined || value === '')) throw unauthorized();
    const token = identity[0] ?? '';
    if (authorizer.type === 'TOKEN' && authorizer.validationExpression?.test(token) === false) {
      throw unauthorized();
    }

    // JSON, not a joined string: identity values may hold any separator (a `%0A` in a query).
    const key = JSON.stringify([authorizer.id, request.stage, ...identity]);
    const cached = this.cached(key);
    const started = this.now();
    const result = cached ?? (await this.run(request, token));
    const integrationLatency = cached ? 0 : this.now() - started;
    if (!cached && authorizer.resultTtlSeconds > 0) this.remember(key, result, authorizer.resultTtlSeconds);

    const granted = { principalId: result.principalId, context: result.context, integrationLatency };
    const decision = evaluatePolicy(result, request.methodArn);
    // A refusal still carries what the authorizer said: gateway responses may read it.
    if (decision !== 'allow') throw accessDenied(decision === 'explicit-deny', granted);
    return granted;
  }

  private async run(request: AuthorizationRequest, token: string): Promise<AuthorizerResult> {
    const { authorizer, methodArn } = request;
    const event: APIGatewayAuthorizerEvent =
      authorizer.type === 'TOKEN'
        ? { type: 'TOKEN', authorizationToken: token, methodArn }
        : { type: 'REQUEST', methodArn, ...request.requestEvent() };
    let output: unknown;
    try {
      output = await this.invoke(authorizer.functionLogicalId, event, AUTHORIZER_TIMEOUT_MS);
    } catch (error) {
      throw saysUnauthorized(error) ? unauthorized() : authorizerConfigurationError();
    }
    try {
      return readAuthorizerResult(output);
    } catch {
      throw authorizerConfigurationError();
    }
  }

  private cached(key: string): AuthorizerResult | undefined {
    const entry = this.cache.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > this.now()) return entry.result;
    this.cache.delete(key);
    return undefined;
  }

  private remember(key: string, result: AuthorizerResult, ttlSeconds: number): void {
    if (this.cache.size >= MAX_CACHED_RESULTS) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(key, { expiresAt: this.now() + ttlSeconds * 1000, result });
  }
}
