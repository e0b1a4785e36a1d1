import { Stack, Validations } from 'aws-cdk-lib';

/**
 * The cdk-nag AwsSolutions findings this stack accepts, each with the reason. Anything not
 * listed here fails the synth.
 */
export const acknowledgeNagFindings = (stack: Stack): void => {
  const acknowledge = (id: string, reason: string) => Validations.of(stack).acknowledge({ id, reason });
  acknowledge(
    'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    'Functions log through AWSLambdaBasicExecutionRole, an AWS-maintained policy limited to CloudWatch Logs writes.',
  );
  acknowledge(
    'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
    'Only with switchyard:apiGatewayCloudWatchRole=create-and-retain: API Gateway execution logging requires this account-level role; the AWS-maintained policy only writes CloudWatch Logs.',
  );
  acknowledge(
    'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
    'X-Ray PutTraceSegments/PutTelemetryRecords accept only Resource "*"; every data-plane grant names its table or queue.',
  );
  acknowledge(
    'AwsSolutions-APIG3',
    'A WAF web ACL is an account-level choice of the platform team; the API is protected by IAM auth, request validation and stage throttling.',
  );
  acknowledge(
    'AwsSolutions-APIG4',
    'Every route requires IAM (SigV4) auth except GET /api/data, the public liveness probe, which returns a constant.',
  );
  acknowledge(
    'AwsSolutions-COG4',
    'Clients are systems, not end users: routes use IAM (SigV4) authorization instead of a Cognito user pool.',
  );
};
