/**
 * What each CloudFormation resource type means to the local cloud. A type missing from this
 * table stops the start with an error naming the resource: nothing in a template is skipped
 * without a decision written here.
 */
export type ResourceRole =
  /** Created on the local endpoint by the runner. */
  | 'queue'
  | 'table'
  | 'event-bus'
  | 'rule'
  | 'archive'
  /** Run by the local Lambda runtime. */
  | 'function'
  | 'event-source-mapping'
  /** Read from the template by the API Gateway emulator itself. */
  | 'api'
  /** Has no local effect (permissions, logs, monitoring, metadata); only its Ref/ARN is known. */
  | 'none';

export const RESOURCE_ROLES: Readonly<Record<string, ResourceRole>> = {
  'AWS::SQS::Queue': 'queue',
  'AWS::DynamoDB::Table': 'table',
  'AWS::Events::EventBus': 'event-bus',
  'AWS::Events::Rule': 'rule',
  'AWS::Events::Archive': 'archive',
  'AWS::Lambda::Function': 'function',
  'AWS::Lambda::EventSourceMapping': 'event-source-mapping',
  'AWS::ApiGateway::RestApi': 'api',
  'AWS::ApiGateway::Resource': 'api',
  'AWS::ApiGateway::Method': 'api',
  'AWS::ApiGateway::Deployment': 'api',
  'AWS::ApiGateway::Stage': 'api',
  'AWS::ApiGateway::Model': 'api',
  'AWS::ApiGateway::RequestValidator': 'api',
  'AWS::ApiGateway::GatewayResponse': 'api',
  'AWS::ApiGateway::Authorizer': 'api',
  // The account-wide CloudWatch role setting of API Gateway: nothing to emulate.
  'AWS::ApiGateway::Account': 'none',
  // Permissions: the local endpoint does not evaluate IAM.
  'AWS::IAM::Role': 'none',
  'AWS::IAM::Policy': 'none',
  'AWS::IAM::ManagedPolicy': 'none',
  'AWS::Lambda::Permission': 'none',
  'AWS::SQS::QueuePolicy': 'none',
  'AWS::Events::EventBusPolicy': 'none',
  // Logs go to the console locally; monitoring has no local backend.
  'AWS::Logs::LogGroup': 'none',
  'AWS::Logs::ResourcePolicy': 'none',
  'AWS::Logs::MetricFilter': 'none',
  'AWS::CloudWatch::Alarm': 'none',
  'AWS::CloudWatch::CompositeAlarm': 'none',
  'AWS::CloudWatch::Dashboard': 'none',
  // Alarm notifications only: no local subscriber would receive them.
  'AWS::SNS::Topic': 'none',
  'AWS::SNS::Subscription': 'none',
  'AWS::SNS::TopicPolicy': 'none',
  // Encryption at rest: local state is plain files, so keys are only referenced by ARN.
  'AWS::KMS::Key': 'none',
  'AWS::KMS::Alias': 'none',
  'AWS::CDK::Metadata': 'none',
};
