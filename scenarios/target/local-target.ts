import { resolve } from 'node:path';
import { errorMessage } from '../../common/error-summary';
import {
  endpointsFilePath,
  HEALTH_PATH,
  type LocalEndpoints,
  readLocalEndpoints,
} from '../../common/local-endpoints-file';
import { TargetError } from '../errors';
import { type ScenarioTarget, stageUrl } from './target';

/** How long the local endpoint's health check may take to answer. */
const HEALTH_TIMEOUT_MS = 2000;

/**
 * The local cloud whose endpoints file is in `dataDir`, once its health check says the whole
 * stack runs. A file left by a cloud that was killed, or one written by the AWS services alone
 * (`npm run local:services`), is an error that says how to start the stack.
 */
export async function localTarget(dataDir: string): Promise<ScenarioTarget> {
  const folder = resolve(dataDir);
  const file = endpointsFilePath(folder);
  let endpoints: LocalEndpoints | undefined;
  try {
    endpoints = readLocalEndpoints(folder);
  } catch (error) {
    throw new TargetError(
      `cannot read the local cloud's endpoints: ${errorMessage(error)}`,
      'restart the local cloud with `npm start` (it rewrites the file)',
    );
  }
  if (endpoints === undefined) {
    throw new TargetError(
      `no local cloud is running (no ${file})`,
      'start it with `npm start`, pass --data-dir for one started with another data folder, or pass --stack and --region for a deployed stack',
    );
  }
  const { awsEndpoint, apiUrl } = endpoints;
  const health = await readHealth(awsEndpoint);
  if (typeof health === 'string') {
    throw new TargetError(
      `no local cloud answers at ${awsEndpoint} (${health}): ${file} is left from a run that stopped`,
      'start it with `npm start`, then retry',
    );
  }
  if (health.status !== 'running') {
    throw new TargetError(
      `the local cloud at ${awsEndpoint} is ${health.status}`,
      health.status === 'starting'
        ? 'wait until `npm start` prints its banner, then retry'
        : 'start it again with `npm start`, then retry',
    );
  }
  if (health.mode !== 'stack' || apiUrl === undefined) {
    throw new TargetError(
      `the local AWS services at ${awsEndpoint} run without the stack (started with \`npm run local:services\`)`,
      'stop them and start the whole local cloud with `npm start`',
    );
  }
  const credentials = { accessKeyId: endpoints.accessKeyId, secretAccessKey: endpoints.secretAccessKey };
  return {
    mode: 'local',
    apiUrl: stageUrl(apiUrl),
    region: endpoints.region,
    credentials: () => Promise.resolve(credentials),
    description: `the local cloud at ${stageUrl(apiUrl)} (${folder})`,
  };
}

/** The health report's status and mode, or why nothing answered as the local cloud. */
async function readHealth(awsEndpoint: string): Promise<{ status: string; mode: string } | string> {
  let response: Response;
  try {
    response = await fetch(new URL(HEALTH_PATH, awsEndpoint), {
      signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
    });
  } catch (error) {
    const { name, cause } = error as { name?: unknown; cause?: { code?: unknown } };
    if (name === 'TimeoutError') return `no answer within ${HEALTH_TIMEOUT_MS} ms`;
    return typeof cause?.code === 'string' ? cause.code : errorMessage(error);
  }
  const report = (await response.json().catch(() => undefined)) as
    | { status?: unknown; mode?: unknown }
    | undefined;
  if (!response.ok || typeof report?.status !== 'string' || typeof report.mode !== 'string') {
    return `GET ${HEALTH_PATH} answered HTTP ${response.status}, not as the local cloud`;
  }
  return { status: report.status, mode: report.mode };
}
