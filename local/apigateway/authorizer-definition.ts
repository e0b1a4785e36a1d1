import { errorMessage } from '../../common/error-summary';
import { UnsupportedTemplateError } from '../platform/unsupported-template-error';
import type { ApiResource, ApiTemplate } from './api-template';

/** API Gateway's default for `AuthorizerResultTtlInSeconds`. */
const DEFAULT_RESULT_TTL_SECONDS = 300;

/** Where an identity source is read from: `method.request.header.Authorization` and the like. */
export type IdentitySource =
  | {
      readonly from: 'header' | 'querystring' | 'stageVariables';
      readonly name: string;
      readonly expression: string;
    }
  | { readonly from: 'context'; readonly name: string; readonly expression: string };

/** An `AWS::ApiGateway::Authorizer` of type `TOKEN` or `REQUEST`, run by the local Lambda runtime. */
export interface LambdaAuthorizerDefinition {
  readonly logicalId: string;
  /** The local authorizer id, as `$context.authorizer` would not show but logs do. */
  readonly id: string;
  readonly type: 'TOKEN' | 'REQUEST';
  /** Logical id of the `AWS::Lambda::Function` its `AuthorizerUri` invokes. */
  readonly functionLogicalId: string;
  /** TOKEN: one header. REQUEST: every source, all of which must be present. */
  readonly identitySources: readonly IdentitySource[];
  /** TOKEN only: the whole token must match, or the caller is refused without a call. */
  readonly validationExpression: RegExp | undefined;
  /** How long a policy is reused for the same identity; 0 turns the cache off. */
  readonly resultTtlSeconds: number;
}

const parseIdentitySource = (authorizerId: string, expression: string): IdentitySource => {
  const request = /^method\.request\.(header|querystring)\.(.+)$/.exec(expression);
  if (request?.[1] && request[2]) {
    return { from: request[1] as 'header' | 'querystring', name: request[2], expression };
  }
  const stage = /^stageVariables\.(.+)$/.exec(expression)?.[1];
  if (stage) return { from: 'stageVariables', name: stage, expression };
  const context = /^context\.(.+)$/.exec(expression)?.[1];
  if (context) return { from: 'context', name: context, expression };
  throw new UnsupportedTemplateError(
    authorizerId,
    `the identity source "${expression}" is not one API Gateway reads`,
  );
};

/**
 * Reads an authorizer a `CUSTOM` method names. Anything the local gateway could not enforce as
 * API Gateway does stops the start: a method must never run open because its authorizer was
 * not understood.
 */
export function readLambdaAuthorizer(
  template: ApiTemplate,
  logicalId: string,
  resource: ApiResource,
  findFunction: (uri: unknown) => string | undefined,
): LambdaAuthorizerDefinition {
  const properties = resource.Properties;
  const type = (template.resolveString(properties.Type, logicalId) ?? '').toUpperCase();
  if (type !== 'TOKEN' && type !== 'REQUEST') {
    throw new UnsupportedTemplateError(
      logicalId,
      `a CUSTOM method names this authorizer, but its Type is "${type}" (TOKEN or REQUEST expected)`,
    );
  }
  const functionLogicalId = findFunction(properties.AuthorizerUri);
  if (functionLogicalId === undefined) {
    throw new UnsupportedTemplateError(
      logicalId,
      'its AuthorizerUri names no Lambda function of this template, so it cannot run locally',
    );
  }
  const identitySources = (template.resolveString(properties.IdentitySource, logicalId) ?? '')
    .split(',')
    .map((expression) => expression.trim())
    .filter((expression) => expression !== '')
    .map((expression) => parseIdentitySource(logicalId, expression));
  const ttl = Number(
    template.resolve(properties.AuthorizerResultTtlInSeconds, logicalId) ?? DEFAULT_RESULT_TTL_SECONDS,
  );
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > 3600) {
    throw new UnsupportedTemplateError(
      logicalId,
      `AuthorizerResultTtlInSeconds must be 0 to 3600 (given ${ttl})`,
    );
  }
  if (type === 'TOKEN' && (identitySources.length !== 1 || identitySources[0]?.from !== 'header')) {
    throw new UnsupportedTemplateError(
      logicalId,
      'a TOKEN authorizer needs one method.request.header.* identity source',
    );
  }
  if (type === 'REQUEST' && ttl > 0 && identitySources.length === 0) {
    throw new UnsupportedTemplateError(
      logicalId,
      'a REQUEST authorizer that caches results needs identity sources',
    );
  }
  const validation = template.resolveString(properties.IdentityValidationExpression, logicalId);
  let validationExpression: RegExp | undefined;
  if (type === 'TOKEN' && validation !== undefined && validation !== '') {
    try {
      validationExpression = new RegExp(`^(?:${validation})$`);
    } catch (error) {
      throw new UnsupportedTemplateError(
        logicalId,
        `IdentityValidationExpression is not a valid regular expression: ${errorMessage(error)}`,
      );
    }
  }
  return {
    logicalId,
    id: template.idOf(logicalId),
    type,
    functionLogicalId,
    identitySources,
    validationExpression,
    resultTtlSeconds: ttl,
  };
}
