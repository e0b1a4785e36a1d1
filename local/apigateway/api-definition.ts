import { isRecord } from '../../common/is-record';
import { UnsupportedTemplateError } from '../platform/unsupported-template-error';
import type { ApiResource, ApiTemplate } from './api-template';
import { type LambdaAuthorizerDefinition, readLambdaAuthorizer } from './authorizer-definition';
import type { GatewayResponseType } from './errors';
import {
  type IntegrationDefinition,
  type MethodDefinition,
  type ResourceNode,
  RouteTable,
} from './route-table';

/** Token bucket settings: steady requests per second and the burst the bucket holds. */
export interface ThrottleSettings {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/** A deployed stage: its name, throttling and variables. */
export interface StageDefinition {
  readonly name: string;
  /** Stage-wide limits (`MethodSettings` for `*` on `/*`); AWS's account default when absent. */
  readonly throttle: ThrottleSettings;
  /** Per-method limits keyed `<resource path> <METHOD>`, e.g. `/tasks POST`. */
  readonly methodThrottles: ReadonlyMap<string, ThrottleSettings>;
  readonly variables: Readonly<Record<string, string>>;
  readonly tracingEnabled: boolean;
}

/** A customized gateway response (`AWS::ApiGateway::GatewayResponse`). */
export interface GatewayResponseDefinition {
  readonly statusCode: number | undefined;
  /** Content type to VTL template. */
  readonly templates: Readonly<Record<string, string>>;
  /** `gatewayresponse.header.<name>` to a mapping expression. */
  readonly parameters: Readonly<Record<string, string>>;
}

/** One REST API read from the template, everything the emulator serves. */
export interface ApiDefinition {
  readonly logicalId: string;
  readonly apiId: string;
  readonly routes: RouteTable;
  /** In template order; the first is the one whose URL `startApiGateway` returns. */
  readonly stages: readonly StageDefinition[];
  readonly binaryMediaTypes: readonly string[];
  readonly gatewayResponses: ReadonlyMap<GatewayResponseType, GatewayResponseDefinition>;
  /** Model name to its JSON schema (draft-04), from `AWS::ApiGateway::Model`. */
  readonly models: ReadonlyMap<string, unknown>;
  /** Valid `x-api-key` values (`AWS::ApiGateway::ApiKey` with a `Value`). */
  readonly apiKeys: ReadonlySet<string>;
}

/** AWS's default account-level limits, which apply when a stage sets none. */
const ACCOUNT_THROTTLE: ThrottleSettings = { rateLimit: 10_000, burstLimit: 5_000 };
const DEFAULT_INTEGRATION_TIMEOUT_MS = 29_000;

/** An API with no stage: what is served when the template defines none, answering 403 to all. */
export function emptyApiDefinition(): ApiDefinition {
  return {
    logicalId: '',
    apiId: '',
    routes: new RouteTable({ id: '', pathPart: '', path: '/', children: [], methods: new Map() }),
    stages: [],
    binaryMediaTypes: [],
    gatewayResponses: new Map(),
    models: new Map(),
    apiKeys: new Set(),
  };
}

/** Reads every REST API of the template that has at least one stage. */
export function readApiDefinitions(template: ApiTemplate): ApiDefinition[] {
  return template
    .ofType('AWS::ApiGateway::RestApi')
    .map(([logicalId, resource]) => readApi(template, logicalId, resource))
    .filter((api) => api.stages.length > 0);
}

function belongsTo(template: ApiTemplate, resource: ApiResource, apiLogicalId: string): boolean {
  return template.referencedId(resource.Properties.RestApiId) === apiLogicalId;
}

function readApi(template: ApiTemplate, logicalId: string, resource: ApiResource): ApiDefinition {
  const ofApi = (type: string) =>
    template.ofType(type).filter(([, candidate]) => belongsTo(template, candidate, logicalId));
  const models = new Map<string, unknown>();
  const modelNames = new Map<string, string>();
  for (const [modelId, model] of ofApi('AWS::ApiGateway::Model')) {
    const name = template.resolveString(model.Properties.Name, modelId) ?? modelId;
    modelNames.set(modelId, name);
    models.set(name, parseSchema(template.resolve(model.Properties.Schema, modelId)));
  }
  const keySource = (
    template.resolveString(resource.Properties.ApiKeySourceType, logicalId) ?? 'HEADER'
  ).toUpperCase();
  const keyedMethod = ofApi('AWS::ApiGateway::Method').find(
    ([, method]) => method.Properties.ApiKeyRequired === true || method.Properties.ApiKeyRequired === 'true',
  );
  if (keySource === 'AUTHORIZER' && keyedMethod !== undefined) {
    throw new UnsupportedTemplateError(
      logicalId,
      `ApiKeySourceType AUTHORIZER (API keys from a Lambda authorizer's usageIdentifierKey) is not ` +
        `emulated, and ${keyedMethod[0]} requires an API key; the local gateway would check x-api-key instead`,
    );
  }
  const binaryMediaTypes = (() => {
    const resolved = template.resolve(resource.Properties.BinaryMediaTypes, logicalId);
    // API Gateway's patch syntax escapes `/` as `~1`; templates may carry either form.
    return Array.isArray(resolved) ? resolved.map((type) => String(type).replace(/~1/g, '/')) : [];
  })();
  return {
    logicalId,
    apiId: template.idOf(logicalId),
    routes: readRoutes(template, logicalId, modelNames),
    stages: readStages(template, logicalId),
    binaryMediaTypes,
    gatewayResponses: readGatewayResponses(template, ofApi('AWS::ApiGateway::GatewayResponse')),
    models,
    apiKeys: new Set(
      template
        .ofType('AWS::ApiGateway::ApiKey')
        .map(([keyId, key]) => template.resolveString(key.Properties.Value, keyId))
        .filter((value): value is string => value !== undefined),
    ),
  };
}

const parseSchema = (schema: unknown): unknown => {
  if (typeof schema !== 'string') return schema ?? {};
  try {
    return JSON.parse(schema);
  } catch {
    return {};
  }
};

function readRoutes(
  template: ApiTemplate,
  apiLogicalId: string,
  modelNames: Map<string, string>,
): RouteTable {
  const root: ResourceNode = {
    id: template.rootResourceId(apiLogicalId),
    pathPart: '',
    path: '/',
    children: [],
    methods: new Map(),
  };
  const resources = template
    .ofType('AWS::ApiGateway::Resource')
    .filter(([, resource]) => belongsTo(template, resource, apiLogicalId));
  const nodes = new Map<string, ResourceNode>();
  // Parents may come after children in the template: resolve each resource's chain on demand.
  const nodeFor = (resourceLogicalId: string, seen: Set<string>): ResourceNode | undefined => {
    const existing = nodes.get(resourceLogicalId);
    if (existing) return existing;
    const resource = template.get(resourceLogicalId);
    if (resource?.Type !== 'AWS::ApiGateway::Resource' || seen.has(resourceLogicalId)) return undefined;
    seen.add(resourceLogicalId);
    const parentValue = resource.Properties.ParentId;
    const parentId = template.referencedId(parentValue);
    const parent = parentId === apiLogicalId || parentId === undefined ? root : nodeFor(parentId, seen);
    if (!parent) return undefined;
    const pathPart = template.resolveString(resource.Properties.PathPart, resourceLogicalId) ?? '';
    const node: ResourceNode = {
      id: template.idOf(resourceLogicalId),
      pathPart,
      path: `${parent.path === '/' ? '' : parent.path}/${pathPart}`,
      children: [],
      methods: new Map(),
    };
    parent.children.push(node);
    nodes.set(resourceLogicalId, node);
    return node;
  };
  for (const [resourceLogicalId] of resources) nodeFor(resourceLogicalId, new Set());

  for (const [methodLogicalId, method] of template.ofType('AWS::ApiGateway::Method')) {
    if (!belongsTo(template, method, apiLogicalId)) continue;
    const resourceRef = template.referencedId(method.Properties.ResourceId);
    const node =
      resourceRef === apiLogicalId ? root : resourceRef ? nodeFor(resourceRef, new Set()) : undefined;
    if (!node) continue;
    const definition = readMethod(template, methodLogicalId, method, node, modelNames);
    node.methods.set(definition.httpMethod, definition);
  }
  return new RouteTable(root);
}

/**
 * The authorizer a method's `AuthorizationType` asks for. Types the local gateway cannot enforce
 * stop the start, naming the method: locally it would otherwise run open.
 */
function readMethodAuthorizer(
  template: ApiTemplate,
  methodLogicalId: string,
  authorizationType: string,
  authorizerId: unknown,
  route: string,
): LambdaAuthorizerDefinition | undefined {
  if (authorizationType === 'NONE' || authorizationType === 'AWS_IAM') return undefined;
  if (authorizationType === 'COGNITO_USER_POOLS') {
    throw new UnsupportedTemplateError(
      methodLogicalId,
      `${route} uses a Cognito user-pool authorizer, which the local cloud cannot verify; ` +
        'use AWS_IAM or a Lambda (TOKEN or REQUEST) authorizer for routes that must run locally',
    );
  }
  if (authorizationType !== 'CUSTOM') {
    throw new UnsupportedTemplateError(
      methodLogicalId,
      `${route} has an unknown AuthorizationType "${authorizationType}"`,
    );
  }
  const authorizerLogicalId = template.referencedId(authorizerId);
  const authorizer = authorizerLogicalId ? template.get(authorizerLogicalId) : undefined;
  if (authorizerLogicalId === undefined || authorizer?.Type !== 'AWS::ApiGateway::Authorizer') {
    throw new UnsupportedTemplateError(
      methodLogicalId,
      `${route} is CUSTOM but its AuthorizerId names no AWS::ApiGateway::Authorizer of this template`,
    );
  }
  return readLambdaAuthorizer(template, authorizerLogicalId, authorizer, (uri) =>
    findFunction(template, uri),
  );
}

function readMethod(
  template: ApiTemplate,
  methodLogicalId: string,
  method: ApiResource,
  node: ResourceNode,
  modelNames: Map<string, string>,
): MethodDefinition {
  const properties = method.Properties;
  const validatorId = template.referencedId(properties.RequestValidatorId);
  const validator = validatorId ? template.get(validatorId) : undefined;
  const requestModels: Record<string, string> = {};
  if (isRecord(properties.RequestModels)) {
    for (const [contentType, model] of Object.entries(properties.RequestModels)) {
      const modelId = template.referencedId(model);
      const name = modelId
        ? (modelNames.get(modelId) ?? modelId)
        : template.resolveString(model, methodLogicalId);
      if (name) requestModels[contentType.toLowerCase()] = name;
    }
  }
  const requiredParameters = isRecord(properties.RequestParameters)
    ? Object.entries(properties.RequestParameters)
        .filter(([, required]) => required === true || required === 'true')
        .map(([key]) => key)
    : [];
  const httpMethod = (template.resolveString(properties.HttpMethod, methodLogicalId) ?? 'ANY').toUpperCase();
  const authorizationType = (
    template.resolveString(properties.AuthorizationType, methodLogicalId) ?? 'NONE'
  ).toUpperCase();
  return {
    httpMethod,
    resourceId: node.id,
    resourcePath: node.path,
    authorizationType,
    authorizer: readMethodAuthorizer(
      template,
      methodLogicalId,
      authorizationType,
      properties.AuthorizerId,
      `${httpMethod} ${node.path}`,
    ),
    apiKeyRequired: properties.ApiKeyRequired === true || properties.ApiKeyRequired === 'true',
    integration: readIntegration(template, properties.Integration, methodLogicalId),
    validator: validator
      ? {
          body: validator.Properties.ValidateRequestBody === true,
          parameters: validator.Properties.ValidateRequestParameters === true,
        }
      : undefined,
    requestModels,
    requiredParameters,
  };
}

function readIntegration(template: ApiTemplate, integration: unknown, where: string): IntegrationDefinition {
  if (!isRecord(integration)) return { kind: 'unsupported', type: 'NONE' };
  const type = template.resolveString(integration.Type, where) ?? 'NONE';
  if (type === 'AWS_PROXY') {
    const functionLogicalId = findFunction(template, integration.Uri);
    if (!functionLogicalId) return { kind: 'unsupported', type: 'AWS_PROXY without a template function' };
    const timeout = Number(template.resolve(integration.TimeoutInMillis, where));
    return {
      kind: 'lambda-proxy',
      functionLogicalId,
      timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_INTEGRATION_TIMEOUT_MS,
    };
  }
  if (type === 'MOCK') return readMockIntegration(template, integration, where);
  return { kind: 'unsupported', type };
}

/**
 * The function an `AWS_PROXY` Uri invokes: CDK writes `Fn::GetAtt [<Function>, Arn]` inside a
 * `Fn::Join`; `Fn::Sub` with `${Function.Arn}` and `Ref`s to aliases or versions are found too.
 */
function findFunction(template: ApiTemplate, uri: unknown): string | undefined {
  const functionOf = (logicalId: string, depth: number): string | undefined => {
    const resource = template.get(logicalId);
    if (resource?.Type === 'AWS::Lambda::Function') return logicalId;
    if (depth < 3 && (resource?.Type === 'AWS::Lambda::Alias' || resource?.Type === 'AWS::Lambda::Version')) {
      const target = template.referencedId(resource.Properties.FunctionName);
      return target ? functionOf(target, depth + 1) : undefined;
    }
    return undefined;
  };
  const search = (value: unknown): string | undefined => {
    if (typeof value === 'string') {
      for (const match of value.matchAll(/\$\{([A-Za-z0-9]+)(?:\.Arn)?\}/g)) {
        const found = match[1] ? functionOf(match[1], 0) : undefined;
        if (found) return found;
      }
      return undefined;
    }
    const referenced = template.referencedId(value);
    if (referenced) {
      const found = functionOf(referenced, 0);
      if (found) return found;
    }
    const children = Array.isArray(value) ? value : isRecord(value) ? Object.values(value) : [];
    for (const child of children) {
      const found = search(child);
      if (found) return found;
    }
    return undefined;
  };
  return search(uri);
}

function readMockIntegration(
  template: ApiTemplate,
  integration: Record<string, unknown>,
  where: string,
): IntegrationDefinition {
  const responses = template.resolve(integration.IntegrationResponses, where);
  const list = Array.isArray(responses) ? responses.filter(isRecord) : [];
  // The response without a selection pattern is the one a MOCK request template selects.
  const chosen = list.find((response) => !response.SelectionPattern) ?? list[0];
  const headers: Record<string, string> = {};
  if (chosen && isRecord(chosen.ResponseParameters)) {
    for (const [key, value] of Object.entries(chosen.ResponseParameters)) {
      const name = /^method\.response\.header\.(.+)$/.exec(key)?.[1];
      const literal = typeof value === 'string' ? /^'(.*)'$/s.exec(value)?.[1] : undefined;
      if (name && literal !== undefined) headers[name] = literal;
    }
  }
  const templates = chosen && isRecord(chosen.ResponseTemplates) ? chosen.ResponseTemplates : {};
  const body = templates['application/json'];
  const allowOrigin = Object.entries(headers).find(
    ([name]) => name.toLowerCase() === 'access-control-allow-origin',
  );
  const echoed =
    typeof body === 'string'
      ? [...body.matchAll(/\$origin\.matches\("([^"]+)"\)/g)].map((match) => match[1] ?? '')
      : [];
  return {
    kind: 'mock',
    statusCode: Number(chosen?.StatusCode ?? 200) || 200,
    headers,
    allowedOrigins: [...(allowOrigin ? [allowOrigin[1]] : []), ...echoed].filter((origin) => origin !== ''),
    // VTL directives (`#set`, `#if`) are beyond the subset emulated: such templates answer empty.
    body: typeof body === 'string' && !body.includes('#') ? body : '',
  };
}

function readThrottle(settings: Record<string, unknown>): ThrottleSettings | undefined {
  const rate = Number(settings.ThrottlingRateLimit);
  const burst = Number(settings.ThrottlingBurstLimit);
  if (!Number.isFinite(rate) && !Number.isFinite(burst)) return undefined;
  return {
    rateLimit: Number.isFinite(rate) ? rate : ACCOUNT_THROTTLE.rateLimit,
    burstLimit: Number.isFinite(burst) ? burst : ACCOUNT_THROTTLE.burstLimit,
  };
}

function readStageSettings(
  template: ApiTemplate,
  name: string,
  settings: Record<string, unknown>,
  where: string,
): StageDefinition {
  let throttle = readThrottle(settings) ?? ACCOUNT_THROTTLE;
  const methodThrottles = new Map<string, ThrottleSettings>();
  const methodSettings = template.resolve(settings.MethodSettings, where);
  for (const entry of Array.isArray(methodSettings) ? methodSettings.filter(isRecord) : []) {
    const limits = readThrottle(entry);
    if (!limits) continue;
    const resourcePath = String(entry.ResourcePath ?? '/*');
    const httpMethod = String(entry.HttpMethod ?? '*').toUpperCase();
    if (resourcePath === '/*' && httpMethod === '*') {
      throttle = limits;
    } else {
      // MethodSettings escape the resource path's slashes as `~1`.
      methodThrottles.set(`${resourcePath.replace(/~1/g, '/').replace(/^\/+/, '/')} ${httpMethod}`, limits);
    }
  }
  const variables = template.resolve(settings.Variables, where);
  return {
    name,
    throttle,
    methodThrottles,
    variables: isRecord(variables)
      ? Object.fromEntries(Object.entries(variables).map(([key, value]) => [key, String(value)]))
      : {},
    tracingEnabled: settings.TracingEnabled === true,
  };
}

function readStages(template: ApiTemplate, apiLogicalId: string): StageDefinition[] {
  const stages: StageDefinition[] = [];
  for (const [stageId, stage] of template.ofType('AWS::ApiGateway::Stage')) {
    if (!belongsTo(template, stage, apiLogicalId)) continue;
    const name = template.resolveString(stage.Properties.StageName, stageId);
    if (name) stages.push(readStageSettings(template, name, stage.Properties, stageId));
  }
  // A Deployment's StageName creates a stage too, configured by its StageDescription.
  for (const [deploymentId, deployment] of template.ofType('AWS::ApiGateway::Deployment')) {
    if (!belongsTo(template, deployment, apiLogicalId)) continue;
    const name = template.resolveString(deployment.Properties.StageName, deploymentId);
    if (!name || stages.some((stage) => stage.name === name)) continue;
    const description = deployment.Properties.StageDescription;
    stages.push(readStageSettings(template, name, isRecord(description) ? description : {}, deploymentId));
  }
  return stages;
}

function readGatewayResponses(
  template: ApiTemplate,
  responses: [string, ApiResource][],
): Map<GatewayResponseType, GatewayResponseDefinition> {
  const byType = new Map<GatewayResponseType, GatewayResponseDefinition>();
  for (const [responseId, response] of responses) {
    const type = template.resolveString(response.Properties.ResponseType, responseId);
    if (!type) continue;
    const statusCode = Number(template.resolve(response.Properties.StatusCode, responseId));
    const templates = template.resolve(response.Properties.ResponseTemplates, responseId);
    const parameters = template.resolve(response.Properties.ResponseParameters, responseId);
    const strings = (value: unknown): Record<string, string> =>
      isRecord(value)
        ? Object.fromEntries(
            Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
          )
        : {};
    byType.set(type as GatewayResponseType, {
      statusCode: Number.isInteger(statusCode) && statusCode >= 100 ? statusCode : undefined,
      templates: strings(templates),
      parameters: strings(parameters),
    });
  }
  return byType;
}
