import { isRecord } from '../../common/is-record';
import { LOCAL_ACCOUNT_ID } from '../platform/local-account';
import { IntrinsicResolver, type IntrinsicScope } from '../platform/template/intrinsic-resolver';
import {
  GENERATED_API_ID_TYPES,
  localResourceId,
  localRootResourceId,
} from '../platform/template/local-names';
import type { CfnTemplate } from '../platform/template/template-types';
import { UnsupportedTemplateError } from '../platform/unsupported-template-error';

/** One resource of the template, with its properties as written (intrinsics unresolved). */
export interface ApiResource {
  readonly Type: string;
  readonly Properties: Readonly<Record<string, unknown>>;
}

/**
 * The stack's values for an API served on its own, without the runner (tests, tools): the
 * runner's naming (`localResourceId`) and a stack called `local`. Attributes it has no value
 * for stop the start, as the runner's do.
 */
export function standaloneScope(template: CfnTemplate, region: string, stackName = 'local'): IntrinsicScope {
  const typeOf = (logicalId: string) => template.Resources[logicalId]?.Type ?? '';
  return {
    region,
    accountId: LOCAL_ACCOUNT_ID,
    partition: 'aws',
    urlSuffix: 'amazonaws.com',
    stackName,
    stackId: `arn:aws:cloudformation:${region}:${LOCAL_ACCOUNT_ID}:stack/${stackName}/${localResourceId(stackName, 'stack')}`,
    ref: (logicalId) => {
      const type = typeOf(logicalId);
      if (GENERATED_API_ID_TYPES.has(type)) return localResourceId(stackName, logicalId);
      const stageName = template.Resources[logicalId]?.Properties?.StageName;
      if (type === 'AWS::ApiGateway::Stage' && typeof stageName === 'string') return stageName;
      return logicalId;
    },
    getAtt: (logicalId, attribute) => {
      const type = typeOf(logicalId);
      if (type === 'AWS::ApiGateway::RestApi' && attribute === 'RootResourceId') {
        return localRootResourceId(stackName, logicalId);
      }
      if (type === 'AWS::Lambda::Function' && attribute === 'Arn') {
        return `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${logicalId}`;
      }
      throw new UnsupportedTemplateError(logicalId, `Fn::GetAtt ${type}.${attribute} has no local value`);
    },
  };
}

/**
 * The template as the API emulator reads it: resources by type, references between them, and
 * property values resolved by the same strict resolver as the rest of the stack (`local/platform/
 * template`), against the runner's values when the runner starts the API. A value it cannot
 * resolve stops the start naming the resource; nothing is served with a guessed value.
 */
export class ApiTemplate {
  private readonly resources: ReadonlyMap<string, ApiResource>;
  private readonly resolver: IntrinsicResolver;

  constructor(template: object, scopeFor: (template: CfnTemplate) => IntrinsicScope) {
    const raw = template as { Resources?: unknown };
    const resources = new Map<string, ApiResource>();
    if (isRecord(raw.Resources)) {
      for (const [logicalId, resource] of Object.entries(raw.Resources)) {
        if (!isRecord(resource) || typeof resource.Type !== 'string') continue;
        const properties = isRecord(resource.Properties) ? resource.Properties : {};
        resources.set(logicalId, { Type: resource.Type, Properties: properties });
      }
    }
    this.resources = resources;
    const cfn = { ...(template as CfnTemplate), Resources: Object.fromEntries(resources) };
    this.resolver = new IntrinsicResolver(cfn, scopeFor(cfn), 'strict');
  }

  get(logicalId: string): ApiResource | undefined {
    return this.resources.get(logicalId);
  }

  /** Logical ids and resources of one type, in template order. */
  ofType(type: string): [string, ApiResource][] {
    return [...this.resources].filter(([, resource]) => resource.Type === type);
  }

  /** The id of a RestApi, a Resource or an Authorizer: its `Ref`. */
  idOf(logicalId: string): string {
    return String(this.resolve({ Ref: logicalId }, logicalId));
  }

  /** The id of a RestApi's root resource (`/`). */
  rootResourceId(restApiLogicalId: string): string {
    return String(this.resolve({ 'Fn::GetAtt': [restApiLogicalId, 'RootResourceId'] }, restApiLogicalId));
  }

  /** The logical id a `Ref` or `Fn::GetAtt` points at, if the value is one. */
  referencedId(value: unknown): string | undefined {
    if (!isRecord(value)) return undefined;
    if (typeof value.Ref === 'string') return value.Ref;
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
    if (typeof getAtt === 'string') return getAtt.split('.')[0];
    return undefined;
  }

  /** A property value with its intrinsics resolved; `where` is the resource errors name. */
  resolve(value: unknown, where: string): unknown {
    return this.resolver.resolve(value, where);
  }

  /** A resolved string (numbers as text), or `undefined` when absent or of another type. */
  resolveString(value: unknown, where: string): string | undefined {
    const resolved = this.resolve(value, where);
    return typeof resolved === 'string'
      ? resolved
      : typeof resolved === 'number'
        ? String(resolved)
        : undefined;
  }
}
