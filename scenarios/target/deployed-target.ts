import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { errorSummary } from '../../common/error-summary';
import { TargetError } from '../errors';
import { type ScenarioTarget, stageUrl } from './target';

/** Where a deployed stack is, as the command line names it. */
export interface DeployedStackOptions {
  readonly stackName: string;
  /** Unset: the region of the profile or the environment (AWS_REGION). */
  readonly region?: string;
  /** A named profile of the shared AWS config; unset: the default credential chain. */
  readonly profile?: string;
}

/** Network failures, by the code Node.js gives them: the request never reached AWS. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/** Codes with which AWS refuses the credentials themselves. */
const REJECTED_CREDENTIALS = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
]);

/**
 * A deployed stack: its `ApiUrl` output from CloudFormation `DescribeStacks`, and the default
 * credential chain (environment, SSO, profiles, web identity, container and instance roles) to
 * read it and to sign every request. The same chain signs both, so a runner that may describe
 * the stack but not invoke the API fails in the authentication scenarios, not here.
 */
export async function deployedTarget(options: DeployedStackOptions): Promise<ScenarioTarget> {
  const { stackName, profile } = options;
  const credentials = defaultProvider(profile === undefined ? {} : { profile });
  const client = new CloudFormationClient({
    ...(options.region !== undefined && { region: options.region }),
    ...(profile !== undefined && { profile }),
    credentials,
    maxAttempts: 2,
  });
  try {
    const region = await client.config.region().catch(() => undefined);
    if (region === undefined || region === '') {
      throw new TargetError(
        `no AWS region is configured${profile === undefined ? '' : ` for profile ${profile}`}`,
        'pass --region (or set AWS_REGION)',
      );
    }
    const outputs = await describeOutputs(client, stackName, region);
    const apiUrl = outputs.ApiUrl;
    if (apiUrl === undefined) {
      throw new TargetError(
        `stack ${stackName} in ${region} has no ApiUrl output`,
        'pass the name of a Switchyard stack with --stack (`npx cdk deploy` prints it)',
      );
    }
    return {
      mode: 'deployed',
      apiUrl: stageUrl(apiUrl),
      region,
      credentials: () => credentials(),
      description: `stack ${stackName} in ${region} (${stageUrl(apiUrl)})`,
    };
  } finally {
    client.destroy();
  }
}

async function describeOutputs(
  client: CloudFormationClient,
  stackName: string,
  region: string,
): Promise<Record<string, string>> {
  try {
    const { Stacks = [] } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const outputs: Record<string, string> = {};
    for (const output of Stacks[0]?.Outputs ?? []) {
      if (output.OutputKey !== undefined && output.OutputValue !== undefined) {
        outputs[output.OutputKey] = output.OutputValue;
      }
    }
    if (Stacks[0] === undefined) throw notFound(stackName, region);
    return outputs;
  } catch (error) {
    if (error instanceof TargetError) throw error;
    throw describeFailure(error, stackName, region);
  }
}

/** What went wrong reading the stack, worded as what to fix. */
function describeFailure(error: unknown, stackName: string, region: string): TargetError {
  const { name, message } = errorSummary(error);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) {
    const endpoint = process.env.AWS_ENDPOINT_URL_CLOUDFORMATION ?? process.env.AWS_ENDPOINT_URL;
    return new TargetError(
      `cannot reach CloudFormation in ${region} (${code}${endpoint === undefined ? '' : ` at ${endpoint}`})`,
      endpoint === undefined
        ? 'check the network connection and --region, then retry'
        : 'check the network connection and the AWS_ENDPOINT_URL_* variables, then retry',
    );
  }
  if (name === 'TimeoutError') {
    return new TargetError(
      `CloudFormation in ${region} did not answer (${message})`,
      'check the network connection, then retry',
    );
  }
  if (name === 'CredentialsProviderError') {
    return new TargetError(
      `no AWS credentials were found (${message})`,
      'configure credentials (environment, `aws configure`, `aws sso login`, or --profile), then retry',
    );
  }
  if (REJECTED_CREDENTIALS.has(name)) {
    return new TargetError(
      `AWS refused the credentials (${name}: ${message})`,
      'refresh them (`aws sso login`, or new keys) and check --profile, then retry',
    );
  }
  if (/does not exist/.test(message)) return notFound(stackName, region);
  if (name === 'AccessDenied' || /not authorized/i.test(message)) {
    return new TargetError(
      `the credentials may not describe stack ${stackName} (${name})`,
      'grant cloudformation:DescribeStacks on the stack (README, "Deploy and verify"), then retry',
    );
  }
  return new TargetError(
    `could not read the outputs of stack ${stackName} in ${region} (${name}: ${message})`,
    'check --stack, --region and the credentials (`aws sts get-caller-identity`), then retry',
  );
}

const notFound = (stackName: string, region: string) =>
  new TargetError(
    `stack ${stackName} was not found in ${region}`,
    'pass the deployed stack name with --stack and its region with --region, or deploy it with `npx cdk deploy`',
  );
