import { isIPv4, isIPv6 } from 'node:net';
import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import { GatewayError } from './errors';
import type { MethodDefinition } from './route-table';
import { validationErrorString } from './validation-messages';

/** What request validation reads of a request. */
export interface ValidatedRequest {
  /** Case-insensitive header lookup. */
  header(name: string): string | undefined;
  readonly query: ReadonlyMap<string, readonly string[]>;
  readonly pathParameters: Readonly<Record<string, string>> | null;
  readonly body: Buffer;
}

/** API Gateway assumes JSON when a request names no content type. */
const DEFAULT_CONTENT_TYPE = 'application/json';

/**
 * The formats API Gateway's validator checks by default; models may name others, which pass.
 * Deliberately lenient where the Java validator is (a `uri` may be relative).
 */
const FORMATS: Record<string, (value: string) => boolean> = {
  'date-time': (value) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(value) &&
    !Number.isNaN(Date.parse(value)),
  email: (value) => /^[^\s@]+@[^\s@]+$/.test(value),
  hostname: (value) =>
    value.length <= 253 &&
    value.split('.').every((label) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label)),
  ipv4: (value) => isIPv4(value),
  ipv6: (value) => isIPv6(value),
  uri: (value) => /^([A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/.test(value),
  regex: (value) => {
    try {
      new RegExp(value, 'u');
      return true;
    } catch {
      return false;
    }
  },
};

const badRequestBody = (details: string): GatewayError =>
  new GatewayError('BAD_REQUEST_BODY', 400, 'Invalid request body', {
    errorType: 'BadRequestException',
    validationErrorString: details,
  });

/**
 * The API's request validators: required method parameters (`ValidateRequestParameters`) and JSON
 * bodies against the method's model for the request's content type (`ValidateRequestBody`), with
 * the models compiled once as JSON Schema draft-04.
 */
export class RequestValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  /**
   * @param models model name to schema
   * @param modelUrl the URL other models `$ref` a model by
   *   (`https://apigateway.amazonaws.com/restapis/<apiId>/models/<name>`)
   */
  constructor(
    private readonly models: ReadonlyMap<string, unknown>,
    modelUrl: (name: string) => string,
  ) {
    // allErrors: AWS lists every problem; verbose: messages quote the schema and the data.
    this.ajv = new Ajv({ allErrors: true, verbose: true, strict: false, logger: false });
    for (const [name, check] of Object.entries(FORMATS)) this.ajv.addFormat(name, check);
    for (const [name, schema] of models) {
      if (typeof schema !== 'object' || schema === null) continue;
      const { id: _id, $schema: _meta, ...rest } = schema as Record<string, unknown>;
      try {
        this.ajv.addSchema(rest, modelUrl(name));
      } catch {
        // A schema ajv cannot take is reported when a request uses it, not at startup.
      }
    }
    for (const name of models.keys()) this.compileModel(name, modelUrl(name));
  }

  private compileModel(name: string, url: string): void {
    try {
      const validate = this.ajv.getSchema(url);
      if (validate) this.compiled.set(name, validate);
    } catch {
      // Left out of `compiled`: requests using the model get API_CONFIGURATION_ERROR.
    }
  }

  /** Throws the {@link GatewayError} API Gateway answers when `request` fails `method`'s validator. */
  validate(method: MethodDefinition, request: ValidatedRequest): void {
    if (!method.validator) return;
    if (method.validator.parameters) this.validateParameters(method, request);
    if (method.validator.body) this.validateBody(method, request);
  }

  private validateParameters(method: MethodDefinition, request: ValidatedRequest): void {
    const missing: string[] = [];
    for (const key of method.requiredParameters) {
      const match =
        /^method\.request\.(path|querystring|header|multivaluequerystring|multivalueheader)\.(.+)$/.exec(key);
      if (!match?.[2]) continue;
      const [, location, name] = match;
      const present =
        location === 'path'
          ? request.pathParameters?.[name] !== undefined
          : location === 'querystring' || location === 'multivaluequerystring'
            ? request.query.has(name)
            : request.header(name) !== undefined;
      if (!present) missing.push(name);
    }
    if (missing.length > 0) {
      const message = `Missing required request parameters: [${missing.join(', ')}]`;
      throw new GatewayError('BAD_REQUEST_PARAMETERS', 400, message, {
        errorType: 'BadRequestException',
        validationErrorString: message,
      });
    }
  }

  private validateBody(method: MethodDefinition, request: ValidatedRequest): void {
    const contentType =
      request.header('content-type')?.split(';')[0]?.trim().toLowerCase() || DEFAULT_CONTENT_TYPE;
    const modelName = method.requestModels[contentType] ?? method.requestModels.$default;
    // No model for this content type: API Gateway passes the body through unvalidated.
    if (modelName === undefined) return;
    const validate = this.compiled.get(modelName);
    if (!validate) {
      if (!this.models.has(modelName)) return;
      throw new GatewayError('API_CONFIGURATION_ERROR', 500, 'Internal server error', {
        errorType: 'InternalServerErrorException',
      });
    }
    let data: unknown;
    const text = request.body.toString('utf8');
    try {
      // An empty body is validated as an empty object.
      data = text.trim() === '' ? {} : JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'malformed JSON';
      throw badRequestBody(`[Invalid JSON in request body: ${reason}]`);
    }
    if (!validate(data)) throw badRequestBody(validationErrorString(validate.errors ?? []));
  }
}
