import { createHash } from 'node:crypto';
import { isRecord } from '../platform/is-record';
import { LOCAL_ACCOUNT_ID } from '../platform/local-account';

export { LOCAL_ACCOUNT_ID };

/** One entry of a CloudFormation template's `Resources`. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties: Readonly<Record<string, unknown>>;
}

/** Short, stable, lowercase id in the alphabet API Gateway uses, derived from a logical id. */
export const physicalId = (seed: string, length: number): string => {
  const digest = createHash('sha256').update(seed).digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = '';
  for (let index = 0; index < length; index += 1) id += alphabet[(digest[index] ?? 0) % alphabet.length];
  return id;
};

/**
 * Read-only view of a synthesized CloudFormation template: resources by type and the few
 * intrinsic functions CDK emits in API Gateway properties, resolved to local values.
 */
export class CfnTemplate {
  private readonly resources: ReadonlyMap<string, CfnResource>;
  private readonly parameters: Readonly<Record<string, unknown>>;

  constructor(
    template: object,
    private readonly region: string,
  ) {
    const raw = template as { Resources?: unknown; Parameters?: unknown };
    const resources = new Map<string, CfnResource>();
    if (isRecord(raw.Resources)) {
      for (const [logicalId, resource] of Object.entries(raw.Resources)) {
        if (!isRecord(resource) || typeof resource.Type !== 'string') continue;
        const properties = isRecord(resource.Properties) ? resource.Properties : {};
        resources.set(logicalId, { Type: resource.Type, Properties: properties });
      }
    }
    this.resources = resources;
    this.parameters = isRecord(raw.Parameters) ? raw.Parameters : {};
  }

  get(logicalId: string): CfnResource | undefined {
    return this.resources.get(logicalId);
  }

  /** Logical ids and resources of one type, in template order. */
  ofType(type: string): [string, CfnResource][] {
    return [...this.resources].filter(([, resource]) => resource.Type === type);
  }

  /** The id API Gateway would give a RestApi (10 characters), stable per logical id. */
  restApiId(logicalId: string): string {
    return physicalId(`restapi:${logicalId}`, 10);
  }

  /** The id of a RestApi's root resource (`/`). */
  rootResourceId(restApiLogicalId: string): string {
    return physicalId(`root:${restApiLogicalId}`, 10);
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

  /**
   * Resolves intrinsics to local values: pseudo parameters, `Ref` (RestApis get their local id,
   * other resources their logical id), `Fn::GetAtt`, `Fn::Join`, `Fn::Sub`, `Fn::Select`.
   * Unknown shapes resolve to `undefined` rather than throwing: a template CloudFormation accepts
   * must never stop the emulator.
   */
  resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.resolve(item));
    if (!isRecord(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const [key] = keys as [string];
      const argument = value[key];
      switch (key) {
        case 'Ref':
          return typeof argument === 'string' ? this.resolveRef(argument) : undefined;
        case 'Fn::GetAtt': {
          const parts = Array.isArray(argument)
            ? argument
            : typeof argument === 'string'
              ? argument.split('.')
              : [];
          const [id, attribute] = parts.map((part) => String(this.resolve(part)));
          return id && attribute ? this.resolveGetAtt(id, attribute) : undefined;
        }
        case 'Fn::Join': {
          if (!Array.isArray(argument)) return undefined;
          const [separator, list] = argument;
          const items = this.resolve(list);
          return Array.isArray(items) ? items.map(String).join(String(separator)) : undefined;
        }
        case 'Fn::Sub':
          return this.resolveSub(argument);
        case 'Fn::Select': {
          if (!Array.isArray(argument)) return undefined;
          const list = this.resolve(argument[1]);
          return Array.isArray(list) ? list[Number(this.resolve(argument[0]))] : undefined;
        }
        default:
          break;
      }
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.resolve(item)]));
  }

  /** A resolved string, or `undefined` when the value is absent or not a string. */
  resolveString(value: unknown): string | undefined {
    const resolved = this.resolve(value);
    return typeof resolved === 'string'
      ? resolved
      : typeof resolved === 'number'
        ? String(resolved)
        : undefined;
  }

  private resolveRef(name: string): unknown {
    switch (name) {
      case 'AWS::Region':
        return this.region;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::AccountId':
        return LOCAL_ACCOUNT_ID;
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return 'local';
      case 'AWS::NoValue':
        return undefined;
      default:
        break;
    }
    const parameter = this.parameters[name];
    if (isRecord(parameter)) return parameter.Default;
    const resource = this.resources.get(name);
    if (resource?.Type === 'AWS::ApiGateway::RestApi') return this.restApiId(name);
    return name;
  }

  private resolveGetAtt(id: string, attribute: string): unknown {
    const resource = this.resources.get(id);
    if (resource?.Type === 'AWS::ApiGateway::RestApi' && attribute === 'RootResourceId') {
      return this.rootResourceId(id);
    }
    if (resource?.Type === 'AWS::Lambda::Function' && attribute === 'Arn') {
      return `arn:aws:lambda:${this.region}:${LOCAL_ACCOUNT_ID}:function:${id}`;
    }
    return `${id}.${attribute}`;
  }

  private resolveSub(argument: unknown): unknown {
    const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
    if (typeof text !== 'string') return undefined;
    const values = isRecord(variables) ? variables : {};
    return text.replace(/\$\{([^}!][^}]*)\}/g, (_match, name: string) => {
      if (name in values) return String(this.resolve(values[name]));
      const [id, attribute] = name.split('.');
      const resolved = attribute && id ? this.resolveGetAtt(id, attribute) : this.resolveRef(name);
      return String(resolved ?? '');
    });
  }
}
