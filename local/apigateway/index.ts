import type { APIGatewayProxyEvent } from 'aws-lambda';
import { readApiDefinitions } from './api-definition';
import { CfnTemplate } from './cfn-template';
import { GatewayHandler } from './gateway-handler';
import { startGatewayServer } from './http-server';
import { SigV4Verifier } from './sigv4-verifier';

export { LOCAL_ACCOUNT_ID } from './cfn-template';
export type { GatewayResponseType } from './errors';
export { MAX_PAYLOAD_BYTES } from './http-server';
export { EXECUTE_API_SERVICE, MAX_CLOCK_SKEW_MS } from './sigv4-verifier';

export interface StartApiGatewayOptions {
  /** The synthesized CloudFormation template (parsed JSON). */
  readonly template: object;
  /**
   * Runs the function with the proxy event. Resolves with its result; rejects when it fails, with
   * an error named `TimeoutError` when it times out. The gateway also stops waiting by itself at
   * the integration's `TimeoutInMillis` (504), whatever the function does.
   */
  readonly invoke: (
    functionLogicalId: string,
    event: APIGatewayProxyEvent,
    timeoutMs: number,
  ) => Promise<unknown>;
  /** Port on 127.0.0.1; 0 picks a free one. @default 3000 */
  readonly port?: number;
  readonly region: string;
  /** The only credentials IAM-authorized methods accept (SigV4 for `execute-api`). */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export interface RunningApiGateway {
  /** The first stage's URL, e.g. `http://127.0.0.1:3000/prod`, without a trailing slash. */
  readonly url: string;
  /** Stops listening and closes open connections. */
  stop(): Promise<void>;
}

/**
 * Serves the template's REST API like API Gateway on 127.0.0.1: its stages at `/<stage>/...`,
 * routes, IAM (SigV4) auth, request validators, throttling, payload limit, integration timeouts
 * and gateway responses, with Lambda proxy integrations sent to `invoke`.
 *
 * Serves the first `AWS::ApiGateway::RestApi` that has a stage; throws when the template has none.
 */
export async function startApiGateway(options: StartApiGatewayOptions): Promise<RunningApiGateway> {
  const template = new CfnTemplate(options.template, options.region);
  const [api] = readApiDefinitions(template);
  if (!api) throw new Error('The template has no AWS::ApiGateway::RestApi with a stage to serve');
  const [firstStage] = api.stages;
  const handler = new GatewayHandler({
    api,
    invoke: options.invoke,
    verifier: new SigV4Verifier({ region: options.region, credentials: options.credentials }),
  });
  const server = await startGatewayServer(options.port ?? 3000, (request) => handler.handle(request));
  return {
    url: `http://127.0.0.1:${server.port}/${firstStage?.name ?? ''}`,
    stop: () => server.close(),
  };
}
