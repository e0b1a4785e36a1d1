import type { ApiDefinition, GatewayResponseDefinition } from './api-definition';
import type { GatewayError } from './errors';
import { escapeJavaScript, renderTemplate } from './vtl';

/** What a gateway response may read of the request that failed. */
export interface GatewayResponseRequest {
  /** `context.*` variables (without the error ones), e.g. `context.requestId`. */
  readonly context: Readonly<Record<string, string>>;
  readonly stageVariables: Readonly<Record<string, string>>;
  /** Case-insensitive request header lookup. */
  header(name: string): string | undefined;
  querystring(name: string): string | undefined;
  path(name: string): string | undefined;
  /** The request's `Accept` header, which picks the response template. */
  readonly accept: string | undefined;
}

/** An HTTP answer ready to write. */
export interface HttpAnswer {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

/** AWS's built-in template for every gateway response the API does not customize. */
const DEFAULT_TEMPLATE = '{"message":$context.error.messageString}';

/**
 * Picks the customization AWS applies: the response type's own, else DEFAULT_4XX or DEFAULT_5XX
 * by status class; the fallback's status code, when set, replaces the type's default.
 */
function select(
  api: ApiDefinition | undefined,
  error: GatewayError,
): { definition: GatewayResponseDefinition | undefined; statusCode: number } {
  const own = api?.gatewayResponses.get(error.responseType);
  if (own) return { definition: own, statusCode: own.statusCode ?? error.statusCode };
  const fallback = api?.gatewayResponses.get(error.statusCode >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX');
  return { definition: fallback, statusCode: fallback?.statusCode ?? error.statusCode };
}

/** Chooses the template by the request's Accept header, as API Gateway does; JSON otherwise. */
function chooseTemplate(
  templates: Readonly<Record<string, string>>,
  accept: string | undefined,
): [contentType: string, template: string] {
  const accepted = (accept ?? '')
    .split(',')
    .map((part) => part.split(';')[0]?.trim().toLowerCase() ?? '')
    .filter((type) => type !== '' && type !== '*/*');
  const entries = Object.entries(templates);
  for (const type of accepted) {
    const found = entries.find(([contentType]) => contentType.toLowerCase() === type);
    if (found) return found;
  }
  const json = entries.find(([contentType]) => contentType.toLowerCase() === 'application/json');
  return json ?? entries[0] ?? ['application/json', DEFAULT_TEMPLATE];
}

/** Resolves one `ResponseParameters` expression: a `'literal'` or a request lookup. */
function mapParameter(expression: string, request: GatewayResponseRequest): string | undefined {
  const literal = /^'(.*)'$/s.exec(expression);
  if (literal) return literal[1];
  const match = /^method\.request\.(header|querystring|path)\.(.+)$/.exec(expression);
  if (match?.[2]) {
    if (match[1] === 'header') return request.header(match[2]);
    if (match[1] === 'querystring') return request.querystring(match[2]);
    return request.path(match[2]);
  }
  const stageVariable = /^stageVariables\.(.+)$/.exec(expression)?.[1];
  if (stageVariable) return request.stageVariables[stageVariable];
  const context = /^context\.(.+)$/.exec(expression)?.[1];
  if (context) return request.context[`context.${context}`];
  return undefined;
}

/**
 * Renders `error` as the API's gateway response: status code, `ResponseParameters` headers and the
 * response template with `$context.error.*` filled in. `api` is undefined before a stage matched.
 */
export function renderGatewayResponse(
  api: ApiDefinition | undefined,
  error: GatewayError,
  request: GatewayResponseRequest,
): HttpAnswer {
  const { definition, statusCode } = select(api, error);
  const [contentType, template] = chooseTemplate(definition?.templates ?? {}, request.accept);
  const variables: Record<string, string> = {
    ...request.context,
    ...Object.fromEntries(
      Object.entries(request.stageVariables).map(([key, value]) => [`stageVariables.${key}`, value]),
    ),
    'context.error.message': error.message,
    // AWS documents messageString as the quoted message, so templates write it without quotes.
    'context.error.messageString': error.nullMessage ? 'null' : JSON.stringify(error.message),
    'context.error.responseType': error.responseType,
    // Escaped so a template may put it between quotes and still be JSON, as the ingest API does.
    'context.error.validationErrorString': escapeJavaScript(error.validationErrorString),
    'context.status': String(statusCode),
  };
  const headers: Record<string, string | string[]> = { 'Content-Type': contentType };
  for (const [key, expression] of Object.entries(definition?.parameters ?? {})) {
    const name = /^gatewayresponse\.header\.(.+)$/.exec(key)?.[1];
    const value = name ? mapParameter(expression, request) : undefined;
    if (name && value !== undefined) headers[name] = value;
  }
  if (error.errorType) headers['x-amzn-ErrorType'] = error.errorType;
  return { statusCode, headers, body: Buffer.from(renderTemplate(template, variables), 'utf8') };
}
