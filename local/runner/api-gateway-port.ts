import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyEvent } from 'aws-lambda';

/** What the runner gives the API Gateway emulator (`local/apigateway`). */
export interface ApiGatewayOptions {
  /** The raw CloudFormation template; the emulator reads routes, auth and models from it. */
  readonly template: object;
  /** Runs the integration's function (by logical id) with a REST proxy event. */
  readonly invoke: (
    functionLogicalId: string,
    event: APIGatewayProxyEvent,
    timeoutMs: number,
  ) => Promise<unknown>;
  /** @default 3000; 0 picks a free port */
  readonly port?: number;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** A running API Gateway emulator. */
export interface RunningApiGateway {
  /** Stage URL, e.g. `http://127.0.0.1:3000/prod`, without a trailing slash. */
  readonly url: string;
  stop(): Promise<void>;
}

export type StartApiGateway = (options: ApiGatewayOptions) => Promise<RunningApiGateway>;

/**
 * Loads `startApiGateway` from `local/apigateway`. The emulator is its own module with its own
 * owner; the runner depends only on this signature, and a checkout without it fails at start
 * with a message saying so instead of failing to compile.
 */
export function loadApiGateway(): StartApiGateway {
  const dir = join(__dirname, '..', 'apigateway');
  if (!['index.ts', 'index.js'].some((file) => existsSync(join(dir, file)))) {
    throw new Error(
      `The API Gateway emulator (${dir}/index.ts) is not present; it is required to serve the API`,
    );
  }
  // A path computed at run time, so this file compiles whether or not the emulator exists yet.
  const loaded = require(dir) as { startApiGateway?: unknown };
  if (typeof loaded.startApiGateway !== 'function') {
    throw new Error(`${dir} does not export startApiGateway`);
  }
  return loaded.startApiGateway as StartApiGateway;
}
