import { createHash } from 'node:crypto';
import { LOCAL_ACCOUNT_ID } from '../platform/local-account';
import {
  IntrinsicResolver,
  type IntrinsicScope,
  type ResolutionMode,
} from '../platform/template/intrinsic-resolver';
import {
  GENERATED_API_ID_TYPES,
  localPhysicalName,
  localResourceId,
  localRootResourceId,
} from '../platform/template/local-names';
import { type CfnResource, type CfnTemplate, isRecord } from '../platform/template/template-types';
import { UnsupportedTemplateError } from './errors';
import { RESOURCE_ROLES, type ResourceRole } from './resource-roles';

const unsupportedType = (logicalId: string, type: string): UnsupportedTemplateError =>
  new UnsupportedTemplateError(logicalId, `resource type ${type} is not supported by the local cloud`);

/** The identity of the local stack. */
export interface LocalStackIdentity {
  readonly stackName: string;
  readonly region: string;
  /** Base URL of the local AWS endpoint, for queue URLs. */
  readonly endpointUrl: string;
}

/** One resource the local cloud acts on, with its properties resolved. */
export interface LocalResource {
  readonly logicalId: string;
  readonly type: string;
  readonly role: ResourceRole;
  /** Intrinsics resolved; only for resources the local cloud acts on. */
  readonly properties: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/**
 * The template's resources with the names, ARNs and URLs they have locally. Names are derived
 * from the stack name and logical id (or the name the template sets), so they stay the same
 * across restarts and the state kept in the data folder is found again.
 */
export class StackResources implements IntrinsicScope {
  readonly region: string;
  readonly accountId = LOCAL_ACCOUNT_ID;
  readonly partition = 'aws';
  readonly urlSuffix = 'amazonaws.com';
  readonly stackName: string;
  readonly stackId: string;
  readonly resolver: IntrinsicResolver;
  private readonly endpointUrl: string;
  private readonly names = new Map<string, string>();

  /**
   * `mode` is how its resolver treats what it cannot resolve: the start runs on `strict`
   * resources only; `lenient` ones serve to list every problem in a template at once.
   */
  constructor(
    private readonly template: CfnTemplate,
    identity: LocalStackIdentity,
    mode: ResolutionMode,
  ) {
    this.region = identity.region;
    this.stackName = identity.stackName;
    this.endpointUrl = identity.endpointUrl.replace(/\/+$/, '');
    this.stackId = `arn:aws:cloudformation:${this.region}:${LOCAL_ACCOUNT_ID}:stack/${this.stackName}/${localResourceId(this.stackName, 'stack')}`;
    this.resolver = new IntrinsicResolver(template, this, mode);
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      if (RESOURCE_ROLES[resource.Type] === undefined) {
        this.resolver.report(unsupportedType(logicalId, resource.Type));
      }
    }
  }

  /** Resources that exist in this deployment (their Condition holds), with their roles. */
  list(role?: ResourceRole): LocalResource[] {
    const result: LocalResource[] = [];
    for (const [logicalId, resource] of Object.entries(this.template.Resources)) {
      // Only a lenient reading gets past an unsupported type, and it has reported it already.
      const resourceRole: ResourceRole | undefined = RESOURCE_ROLES[resource.Type];
      if (resourceRole === undefined) continue;
      if (role !== undefined && resourceRole !== role) continue;
      if (!this.exists(logicalId, resource)) continue;
      result.push({
        logicalId,
        type: resource.Type,
        role: resourceRole,
        properties:
          resourceRole === 'none' || resourceRole === 'api' ? {} : this.properties(logicalId, resource),
        metadata: resource.Metadata ?? {},
      });
    }
    return result;
  }

  /** Resolves a value that appears in the given resource. */
  resolve(value: unknown, where: string): unknown {
    return this.resolver.resolve(value, where);
  }

  ref(logicalId: string): unknown {
    const resource = this.resource(logicalId);
    if (GENERATED_API_ID_TYPES.has(resource.Type)) return localResourceId(this.stackName, logicalId);
    switch (resource.Type) {
      case 'AWS::SQS::Queue':
        return this.queueUrl(logicalId);
      case 'AWS::SNS::Topic':
        return this.arn(logicalId, resource);
      case 'AWS::ApiGateway::Stage':
        return this.stringProperty(logicalId, resource, 'StageName') ?? logicalId;
      case 'AWS::KMS::Key':
        return this.kmsKeyId(logicalId);
      default:
        return this.physicalName(logicalId);
    }
  }

  getAtt(logicalId: string, attribute: string): unknown {
    const resource = this.resource(logicalId);
    const key = `${resource.Type}.${attribute}`;
    switch (key) {
      case 'AWS::SQS::Queue.Arn':
      case 'AWS::DynamoDB::Table.Arn':
      case 'AWS::Lambda::Function.Arn':
      case 'AWS::Events::EventBus.Arn':
      case 'AWS::Events::Rule.Arn':
      case 'AWS::Events::Archive.Arn':
      case 'AWS::IAM::Role.Arn':
      case 'AWS::IAM::ManagedPolicy.PolicyArn':
      case 'AWS::Logs::LogGroup.Arn':
      case 'AWS::SNS::Topic.TopicArn':
      case 'AWS::CloudWatch::Alarm.Arn':
      case 'AWS::KMS::Key.Arn':
        return this.arn(logicalId, resource);
      case 'AWS::KMS::Key.KeyId':
        return this.kmsKeyId(logicalId);
      case 'AWS::SQS::Queue.QueueName':
      case 'AWS::Events::EventBus.Name':
      case 'AWS::Events::Archive.ArchiveName':
      case 'AWS::SNS::Topic.TopicName':
        return this.physicalName(logicalId);
      case 'AWS::SQS::Queue.QueueUrl':
        return this.queueUrl(logicalId);
      case 'AWS::IAM::Role.RoleId':
        return `AROA${localResourceId(this.stackName, logicalId).toUpperCase()}`;
      case 'AWS::ApiGateway::RestApi.RootResourceId':
        return localRootResourceId(this.stackName, logicalId);
      default:
        throw new UnsupportedTemplateError(
          logicalId,
          `Fn::GetAtt ${attribute} of ${resource.Type} has no local value`,
        );
    }
  }

  /** The local physical name (or id) of a resource. */
  physicalName(logicalId: string): string {
    const known = this.names.get(logicalId);
    if (known !== undefined) return known;
    const resource = this.resource(logicalId);
    const name = this.nameOf(logicalId, resource);
    this.names.set(logicalId, name);
    return name;
  }

  /** The ARN a resource has locally. */
  arn(logicalId: string, resource = this.resource(logicalId)): string {
    const name = this.physicalName(logicalId);
    const prefix = (service: string) => `arn:aws:${service}:${this.region}:${LOCAL_ACCOUNT_ID}`;
    switch (resource.Type) {
      case 'AWS::SQS::Queue':
        return `${prefix('sqs')}:${name}`;
      case 'AWS::DynamoDB::Table':
        return `${prefix('dynamodb')}:table/${name}`;
      case 'AWS::Lambda::Function':
        return `${prefix('lambda')}:function:${name}`;
      case 'AWS::Events::EventBus':
        return `${prefix('events')}:event-bus/${name}`;
      case 'AWS::Events::Rule': {
        const bus = this.ruleBusName(logicalId, resource);
        return `${prefix('events')}:rule/${bus === 'default' ? '' : `${bus}/`}${name}`;
      }
      case 'AWS::Events::Archive':
        return `${prefix('events')}:archive/${name}`;
      case 'AWS::IAM::Role':
        return `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/${name}`;
      case 'AWS::IAM::ManagedPolicy':
        return `arn:aws:iam::${LOCAL_ACCOUNT_ID}:policy/${name}`;
      case 'AWS::Logs::LogGroup':
        return `${prefix('logs')}:log-group:${name}:*`;
      case 'AWS::SNS::Topic':
        return `${prefix('sns')}:${name}`;
      case 'AWS::CloudWatch::Alarm':
        return `${prefix('cloudwatch')}:alarm:${name}`;
      case 'AWS::KMS::Key':
        return `${prefix('kms')}:key/${this.kmsKeyId(logicalId)}`;
      default:
        throw new UnsupportedTemplateError(logicalId, `${resource.Type} has no ARN locally`);
    }
  }

  /** The bus name a rule is on (`default` when the template names none). */
  ruleBusName(logicalId: string, resource = this.resource(logicalId)): string {
    const bus = this.resolve(resource.Properties?.EventBusName, logicalId);
    if (bus === undefined) return 'default';
    if (typeof bus !== 'string')
      throw new UnsupportedTemplateError(logicalId, 'EventBusName must be a string');
    // The property accepts a bus name or ARN.
    return bus.startsWith('arn:') ? (bus.split('/').at(-1) ?? bus) : bus;
  }

  /** A key id in the UUID shape KMS uses, stable per logical id. */
  private kmsKeyId(logicalId: string): string {
    const hex = createHash('sha256').update(`${this.stackName}/${logicalId}`).digest('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  }

  private queueUrl(logicalId: string): string {
    return `${this.endpointUrl}/${LOCAL_ACCOUNT_ID}/${this.physicalName(logicalId)}`;
  }

  private exists(logicalId: string, resource: CfnResource): boolean {
    return resource.Condition === undefined || this.resolver.condition(resource.Condition, logicalId);
  }

  private properties(logicalId: string, resource: CfnResource): Readonly<Record<string, unknown>> {
    const resolved = this.resolve(resource.Properties ?? {}, logicalId);
    return isRecord(resolved) ? resolved : {};
  }

  private resource(logicalId: string): CfnResource {
    const resource = this.template.Resources[logicalId];
    if (resource === undefined) {
      throw new UnsupportedTemplateError(logicalId, 'no such resource in the template');
    }
    // Only a lenient reading gets here with one: the same problem as its own, so it counts once.
    if (RESOURCE_ROLES[resource.Type] === undefined) throw unsupportedType(logicalId, resource.Type);
    return resource;
  }

  private stringProperty(logicalId: string, resource: CfnResource, name: string): string | undefined {
    const value = this.resolve(resource.Properties?.[name], logicalId);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new UnsupportedTemplateError(logicalId, `${name} must be a string`);
    return value;
  }

  private nameOf(logicalId: string, resource: CfnResource): string {
    const named = (property: string, maxLength: number, suffix = '') =>
      this.stringProperty(logicalId, resource, property) ??
      localPhysicalName(this.stackName, logicalId, maxLength, suffix);
    switch (resource.Type) {
      case 'AWS::SQS::Queue': {
        const fifo = String(this.resolve(resource.Properties?.FifoQueue, logicalId)) === 'true';
        return named('QueueName', 80, fifo ? '.fifo' : '');
      }
      case 'AWS::DynamoDB::Table':
        return named('TableName', 255);
      case 'AWS::Lambda::Function':
        return named('FunctionName', 64);
      case 'AWS::Events::EventBus': {
        const name = this.stringProperty(logicalId, resource, 'Name');
        if (name === undefined) throw new UnsupportedTemplateError(logicalId, 'an event bus needs a Name');
        return name;
      }
      case 'AWS::Events::Rule':
        return named('Name', 64);
      case 'AWS::Events::Archive':
        return named('ArchiveName', 48);
      case 'AWS::IAM::Role':
        return named('RoleName', 64);
      case 'AWS::IAM::ManagedPolicy':
        return named('ManagedPolicyName', 128);
      case 'AWS::Logs::LogGroup':
        return this.stringProperty(logicalId, resource, 'LogGroupName') ?? `/${this.stackName}/${logicalId}`;
      case 'AWS::SNS::Topic':
        return named('TopicName', 256);
      case 'AWS::CloudWatch::Alarm':
        return named('AlarmName', 255);
      default:
        return localPhysicalName(this.stackName, logicalId, 255);
    }
  }
}
