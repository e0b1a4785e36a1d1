import type { APIGatewayAuthorizerEvent, APIGatewayProxyEvent } from 'aws-lambda';
import { SigV4Verifier } from '../platform/sigv4-verifier';
import type { IntrinsicScope } from '../platform/template/intrinsic-resolver';
import type { CfnTemplate } from '../platform/template/template-types';
import { emptyApiDefinition, readApiDefinitions } from './api-definition';
import { ApiTemplate, standaloneScope } from './api-template';
import { GatewayHandler } from './gateway-handler';
import { startGatewayServer } from './http-server';

export { LOCAL_ACCOUNT_ID } from '../platform/local-account';
export { MAX_CLOCK_SKEW_MS } from '../platform/sigv4-verifier';
export { UnsupportedTemplateError } from '../platform/unsupported-template-error';
export { type GatewayResponseType, IntegrationBusyError } from './errors';
export { EXECUTE_API_SERVICE } from './execute-api-signature';
export { MAX_PAYLOAD_BYTES } from './http-server';

export interface StartApiGatewayOptions {
  /** The synthesized CloudFormation template (parsed JSON). */
  readonly template: object;
  /**
   * Runs the function with the proxy event, or a Lambda authorizer with its TOKEN or REQUEST
   * event. Resolves with its result; rejects when it fails, with an error named `TimeoutError`
   * when it times out, and with the handler's message as `errorMessage` (or `message`): an
   * authorizer that throws `Unauthorized` is how a caller gets 401. The gateway also stops
   * waiting by itself at the integration's `TimeoutInMillis` (504), whatever the function does.
   */
  readonly invoke: (
    functionLogicalId: string,
    event: APIGatewayProxyEvent | APIGatewayAuthorizerEvent,
    timeoutMs: number,
  ) => Promise<unknown>;
  /** Port on 127.0.0.1; 0 picks a free one. @default 3000 */
  readonly port?: number;
  readonly region: string;
  /** The only credentials IAM-authorized methods accept (SigV4 for `execute-api`). */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** The clock of throttling and of the authorizer result cache. @default Date.now */
  readonly now?: () => number;
  /**
   * The stack's values intrinsics resolve against (the runner's, so the API's ids, ARNs and
   * `AWS::StackName` are the ones the rest of the stack sees). @default the API alone, in a
   * stack named `local` (`standaloneScope`)
   */
  readonly scope?: IntrinsicScope;
}

export interface RunningApiGateway {
  /** The first stage's URL, e.g. `http://127.0.0.1:3000/prod`, without a trailing slash. */
  readonly url: string;
  /** Stops listening and closes open connections. */
  stop(): Promise<void>;
}

/**
 * Reads the template's REST APIs as `startApiGateway` will, binding nothing: throws
 * `UnsupportedTemplateError`, naming the resource, for anything it could not enforce, such as a
 * Cognito authorizer, so a start can stop before it touches any state.
 */
export function checkApiTemplate(template: object, region: string, scope?: IntrinsicScope): void {
  readApiDefinitions(apiTemplate(template, region, scope));
}

const apiTemplate = (template: object, region: string, scope: IntrinsicScope | undefined): ApiTemplate =>
  new ApiTemplate(template, (cfn: CfnTemplate) => scope ?? standaloneScope(cfn, region));

/**
 * Serves the template's REST API like API Gateway on 127.0.0.1: its stages at `/<stage>/...`,
 * routes, IAM (SigV4) auth, request validators, throttling, payload limit, integration timeouts
 * and gateway responses, with Lambda proxy integrations sent to `invoke`.
 *
 * Serves the first `AWS::ApiGateway::RestApi` that has a stage. A template without one still gets
 * a server (URL without a stage) that answers every request 403 Missing Authentication Token.
 */
export async function startApiGateway(options: StartApiGatewayOptions): Promise<RunningApiGateway> {
  const template = apiTemplate(options.template, options.region, options.scope);
  // A stack without an API still starts: every request then gets API Gateway's 403.
  const api = readApiDefinitions(template)[0] ?? emptyApiDefinition();
  const [firstStage] = api.stages;
  const handler = new GatewayHandler({
    api,
    invoke: options.invoke,
    region: options.region,
    ...(options.now !== undefined && { now: options.now }),
    verifier: new SigV4Verifier({ region: options.region, credentials: options.credentials }),
  });
  const server = await startGatewayServer(
    options.port ?? 3000,
    (request) => handler.handle(request),
    (fullRawPath, rawPath) => handler.browserPolicy(fullRawPath, rawPath),
  );
  return {
    url: firstStage
      ? `http://127.0.0.1:${server.port}/${firstStage.name}`
      : `http://127.0.0.1:${server.port}`,
    stop: () => server.close(),
  };
}
