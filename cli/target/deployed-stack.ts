import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { errorMessage } from '../../common/error-summary';
import { OperationError } from '../errors';

/** A deployed stack's outputs and the region its clients resolved. */
export interface DeployedStack {
  readonly region: string;
  readonly outputs: Record<string, string>;
}

/**
 * Reads the stack's outputs with DescribeStacks, through the default credential chain (or
 * `profile`). The CLI finds every queue and table this way, so it needs nothing but the stack name.
 */
export async function describeDeployedStack(
  stackName: string,
  settings: {
    readonly region?: string;
    readonly profile?: string;
    /** True when no option asked for AWS and the CLI fell back to it for want of a local cloud. */
    readonly fallback?: boolean;
  },
): Promise<DeployedStack> {
  // After a silent fallback the operator may have meant the local cloud: say both.
  const noLocal = settings.fallback ? 'no local cloud is running and ' : '';
  const startLocal = settings.fallback ? 'start the local cloud with `npm start`, or ' : '';
  const client = new CloudFormationClient({
    ...(settings.region !== undefined && { region: settings.region }),
    ...(settings.profile !== undefined && { profile: settings.profile }),
  });
  try {
    const region = await client.config.region().catch(() => undefined);
    if (region === undefined || region === '') {
      const { profile } = settings;
      throw new OperationError(
        `${noLocal}no AWS region is configured${profile === undefined ? '' : ` for profile ${profile}`}`,
        profile === undefined
          ? `${startLocal}pass --region (or set AWS_REGION) for a deployed stack`
          : `check that profile ${profile} exists in your AWS config (aws configure list-profiles) with a region, or pass --region`,
      );
    }
    const { Stacks = [] } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = Stacks[0];
    if (stack === undefined) throw notFound(stackName, region);
    const outputs: Record<string, string> = {};
    for (const output of stack.Outputs ?? []) {
      if (output.OutputKey !== undefined && output.OutputValue !== undefined) {
        outputs[output.OutputKey] = output.OutputValue;
      }
    }
    return { region, outputs };
  } catch (error) {
    if (error instanceof OperationError) throw error;
    const name = error instanceof Error ? error.name : '';
    const message = errorMessage(error);
    if (/does not exist/.test(message)) throw notFound(stackName, settings.region ?? 'the configured region');
    if (name === 'CredentialsProviderError' || /credential/i.test(message)) {
      throw new OperationError(
        `${noLocal}no AWS credentials were found (${message})`,
        `${startLocal}configure AWS credentials (or pass --profile) for a deployed stack`,
      );
    }
    throw new OperationError(
      `could not read the outputs of stack ${stackName}: ${name}: ${message}`,
      'check --stack, --region and your credentials (aws sts get-caller-identity), then retry',
    );
  } finally {
    client.destroy();
  }
}

const notFound = (stackName: string, region: string) =>
  new OperationError(
    `stack ${stackName} was not found in ${region}`,
    'pass the deployed stack name with --stack and its region with --region, or deploy it with `npx cdk deploy`',
  );
