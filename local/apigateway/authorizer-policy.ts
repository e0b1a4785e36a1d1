import { isRecord } from '../../common/is-record';

/** What a Lambda authorizer answered, checked: its principal, policy statements and context. */
export interface AuthorizerResult {
  readonly principalId: string;
  readonly statements: readonly PolicyStatement[];
  /** Context values as the integration sees them: strings, as API Gateway passes them on. */
  readonly context: Readonly<Record<string, string>>;
}

interface PolicyStatement {
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly RegExp[];
  readonly resources: readonly RegExp[];
  /** It has a `Condition`, `NotAction` or `NotResource`, which are not evaluated locally. */
  readonly unevaluated: boolean;
}

/** The authorizer's answer is not one API Gateway accepts (it then answers 500). */
export class InvalidAuthorizerResultError extends Error {
  override readonly name = 'InvalidAuthorizerResultError';
}

/** An IAM wildcard pattern (`*` any run, `?` one character) as an anchored expression. */
const wildcard = (pattern: string, flags = ''): RegExp =>
  new RegExp(
    `^${pattern
      .split('')
      .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')))
      .join('')}$`,
    flags,
  );

const stringList = (value: unknown, what: string): string[] => {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((item) => typeof item === 'string')) {
    throw new InvalidAuthorizerResultError(`${what} must be a string or a list of strings`);
  }
  return list as string[];
};

function readStatement(value: unknown): PolicyStatement {
  if (!isRecord(value)) throw new InvalidAuthorizerResultError('each policy statement must be an object');
  if (value.Effect !== 'Allow' && value.Effect !== 'Deny') {
    throw new InvalidAuthorizerResultError('a statement Effect must be "Allow" or "Deny"');
  }
  if (value.Condition !== undefined || value.NotAction !== undefined || value.NotResource !== undefined) {
    return { effect: value.Effect, actions: [], resources: [], unevaluated: true };
  }
  return {
    unevaluated: false,
    effect: value.Effect,
    // Action names are case-insensitive in IAM; ARNs are not.
    actions: stringList(value.Action, 'a statement Action').map((action) => wildcard(action, 'i')),
    resources: stringList(value.Resource, 'a statement Resource').map((resource) => wildcard(resource)),
  };
}

/**
 * Checks a Lambda authorizer's output as API Gateway does: a `principalId`, a `policyDocument`
 * with statements, and a flat `context` of strings, numbers and booleans (no objects or lists).
 */
export function readAuthorizerResult(output: unknown): AuthorizerResult {
  if (!isRecord(output)) throw new InvalidAuthorizerResultError('the output must be a JSON object');
  const { principalId, policyDocument, context } = output;
  if (typeof principalId !== 'string' && typeof principalId !== 'number') {
    throw new InvalidAuthorizerResultError('principalId is missing');
  }
  if (!isRecord(policyDocument)) throw new InvalidAuthorizerResultError('policyDocument is missing');
  const statements = Array.isArray(policyDocument.Statement)
    ? policyDocument.Statement
    : [policyDocument.Statement];
  const flatContext: Record<string, string> = {};
  if (context !== undefined && context !== null) {
    if (!isRecord(context)) throw new InvalidAuthorizerResultError('context must be an object');
    for (const [key, item] of Object.entries(context)) {
      if (!['string', 'number', 'boolean'].includes(typeof item)) {
        throw new InvalidAuthorizerResultError(`context.${key} must be a string, number or boolean`);
      }
      flatContext[key] = String(item);
    }
  }
  return {
    principalId: String(principalId),
    statements: statements.map(readStatement),
    context: flatContext,
  };
}

/**
 * Evaluates the policy for one method ARN: an explicit Deny wins, then any Allow; with neither
 * the request is denied implicitly. Evaluated per request, so a cached policy that names one
 * method denies the next, as in AWS.
 */
export function evaluatePolicy(
  result: AuthorizerResult,
  methodArn: string,
): 'allow' | 'explicit-deny' | 'implicit-deny' {
  // A statement that cannot be evaluated locally is never more permissive than AWS: such an
  // Allow grants nothing, such a Deny denies.
  const applies = (statement: PolicyStatement) =>
    statement.unevaluated
      ? statement.effect === 'Deny'
      : statement.actions.some((action) => action.test('execute-api:Invoke')) &&
        statement.resources.some((resource) => resource.test(methodArn));
  const matching = result.statements.filter(applies);
  if (matching.some((statement) => statement.effect === 'Deny')) return 'explicit-deny';
  return matching.length > 0 ? 'allow' : 'implicit-deny';
}
