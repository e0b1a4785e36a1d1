import { resolve } from 'node:path';
import { errorMessage } from '../../common/error-summary';
import {
  DEFAULT_DATA_DIR,
  endpointsFilePath,
  HEALTH_PATH,
  type LocalEndpoints,
  readLocalEndpoints,
} from '../../common/local-endpoints-file';
import type { OptionValues } from '../args';
import { OperationError, UsageError } from '../errors';
import { probeLocalCloud } from './local-endpoints';
import type { Target } from './target';

/** The stack name a deployment uses unless `switchyard:stackName` says otherwise. */
export const DEFAULT_STACK_NAME = 'Switchyard';

/**
 * Decides which stack to operate on. `--local` insists on the local cloud; `--stack`,
 * `--region` or `--profile` mean a deployed stack; with neither, a running local cloud wins
 * (an operator on a laptop means the cloud they started) and AWS is the fallback. `note` gets
 * what the operator should know about that choice, e.g. an endpoints file nothing answers for.
 */
export async function resolveTarget(
  options: OptionValues,
  cwd: string,
  note: (line: string) => void = () => undefined,
): Promise<Target> {
  const awsOptions = (['stack', 'region', 'profile'] as const).filter((name) => options[name] !== undefined);
  if (options.local && awsOptions.length > 0) {
    throw new UsageError(
      `--local cannot be combined with ${awsOptions.map((name) => `--${name}`).join(', ')}`,
      'drop --local to use a deployed stack, or drop the AWS options to use the local cloud',
    );
  }
  if (options['data-dir'] !== undefined && awsOptions.length > 0) {
    throw new UsageError(
      `--data-dir cannot be combined with ${awsOptions.map((name) => `--${name}`).join(', ')}`,
      'drop --data-dir to use a deployed stack, or drop the AWS options to use the local cloud',
    );
  }
  const dataDir = resolve(cwd, options['data-dir'] ?? DEFAULT_DATA_DIR);
  const wantsLocal = options.local === true || options['data-dir'] !== undefined;
  if (wantsLocal || awsOptions.length === 0) {
    const local = await runningLocalCloud(dataDir, wantsLocal, note);
    if (local !== undefined) return localTarget(local, dataDir);
  }
  const stackName = options.stack ?? DEFAULT_STACK_NAME;
  // The CloudFormation client loads only for a deployed stack.
  const { describeDeployedStack } = require('./deployed-stack') as typeof import('./deployed-stack');
  const stack = await describeDeployedStack(stackName, {
    region: options.region,
    profile: options.profile,
    fallback: awsOptions.length === 0,
  });
  return {
    mode: 'aws',
    stackName,
    region: stack.region,
    outputs: stack.outputs,
    clientSettings: {
      region: stack.region,
      ...(options.profile !== undefined && { profile: options.profile }),
    },
    pollIntervalMs: 2000,
    replayRuleSettleMs: 30_000,
    // Longer than the copies' 60 s delivery retries, so failing deliveries reach the DLQ first.
    replayRuleGraceMs: 90_000,
    description: `stack ${stackName} in ${stack.region}`,
  };
}

/**
 * The local cloud of `dataDir` when it runs, as its endpoint's health check reports. When the
 * operator asked for it (`required`), its absence is an error that says how to start it;
 * otherwise the caller falls back to AWS. A cloud that is starting, stopping or runs without the
 * stack is an error either way: falling back to AWS would surprise the operator who started it.
 */
async function runningLocalCloud(
  dataDir: string,
  required: boolean,
  note: (line: string) => void,
): Promise<LocalEndpoints | undefined> {
  const file = endpointsFilePath(dataDir);
  let endpoints: LocalEndpoints | undefined;
  try {
    endpoints = readLocalEndpoints(dataDir);
  } catch (error) {
    throw new OperationError(
      `cannot read the local cloud's endpoints: ${errorMessage(error)}`,
      'restart the local cloud with `npm start` (it rewrites the file)',
    );
  }
  if (endpoints === undefined) {
    if (!required) return undefined;
    throw new OperationError(
      `no local cloud is running (no ${file})`,
      'start it with `npm start`, pass --data-dir for one started elsewhere, or pass --stack/--region for a deployed stack',
    );
  }
  const { awsEndpoint } = endpoints;
  const probe = await probeLocalCloud(awsEndpoint);
  if (probe.answer !== 'health') {
    const problem =
      probe.answer === 'none'
        ? `no local cloud answers at ${awsEndpoint} (${probe.reason})`
        : `${awsEndpoint} answers, but not as the local cloud (${probe.reason})`;
    const stale = `${file} is left from a run that stopped`;
    if (!required) {
      note(`${problem}: ${stale}; looking for a deployed stack instead`);
      return undefined;
    }
    throw new OperationError(
      `${problem}: ${stale}`,
      probe.answer === 'none'
        ? 'start it with `npm start`, or pass --stack/--region for a deployed stack'
        : 'another program holds that port now: start the local cloud on a free one with `npm start -- --aws-port <port>`, or pass --stack/--region for a deployed stack',
    );
  }
  const { status, mode } = probe.health;
  if (status !== 'running') {
    throw new OperationError(
      `the local cloud at ${awsEndpoint} is ${status}`,
      status === 'starting'
        ? `wait until \`npm start\` prints its banner (\`curl -s ${awsEndpoint}${HEALTH_PATH}\` then shows "status":"running"), then retry`
        : 'start it again with `npm start`, then retry',
    );
  }
  if (mode !== 'stack' || endpoints.stackName === undefined || endpoints.outputs === undefined) {
    throw new OperationError(
      `the local AWS services at ${awsEndpoint} run without the stack (started with \`npm run local:services\`)`,
      'stop them and start the whole local cloud with `npm start`',
    );
  }
  return endpoints;
}

/** The stack of a running local cloud, as its endpoints file describes it (the web console starts from it too). */
export function localTarget(endpoints: LocalEndpoints, dataDir: string): Target {
  return {
    mode: 'local',
    stackName: endpoints.stackName ?? DEFAULT_STACK_NAME,
    region: endpoints.region,
    outputs: endpoints.outputs ?? {},
    clientSettings: {
      region: endpoints.region,
      endpoint: endpoints.awsEndpoint,
      credentials: { accessKeyId: endpoints.accessKeyId, secretAccessKey: endpoints.secretAccessKey },
    },
    pollIntervalMs: 200,
    replayRuleSettleMs: 0,
    replayRuleGraceMs: 0,
    description: `the local cloud at ${endpoints.awsEndpoint} (${dataDir})`,
  };
}
