import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { type ApiGatewayCloudWatchRole, IngestApi } from '../../infra/constructs/ingest-api';
import { ContextKeys, readAppContext } from '../../infra/read-app-context';
import { SwitchyardStack } from '../../infra/stack';
import { removeTestApps, testApp } from './support/test-app';

afterAll(removeTestApps);

/** The stack as `cdk synth` builds it from the given context. */
const templateFromContext = (context: Record<string, unknown>): Template => {
  const app = testApp(context);
  const { stackName, props } = readAppContext(app);
  return Template.fromStack(new SwitchyardStack(app, stackName, props));
};

const apiGatewayRoles = (template: Template) =>
  Object.values(
    template.findResources('AWS::IAM::Role', {
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [{ Action: 'sts:AssumeRole', Principal: { Service: 'apigateway.amazonaws.com' } }],
        },
      },
    }),
  );

describe('API Gateway account CloudWatch role', () => {
  it('should create nothing account-level by default and still log execution', () => {
    // GIVEN no context choice WHEN synthesized
    const template = templateFromContext({});

    // THEN the account setting is left as it is and the stage still writes execution logs
    template.resourceCountIs('AWS::ApiGateway::Account', 0);
    expect(apiGatewayRoles(template)).toHaveLength(0);
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [{ LoggingLevel: 'INFO', DataTraceEnabled: false }],
    });
  });

  it('should create nothing account-level when the context says existing', () => {
    // GIVEN the choice `existing` WHEN synthesized
    const template = templateFromContext({ [ContextKeys.apiGatewayCloudWatchRole]: 'existing' });

    // THEN no account resource and no role for API Gateway
    template.resourceCountIs('AWS::ApiGateway::Account', 0);
    expect(apiGatewayRoles(template)).toHaveLength(0);
  });

  it('should create the role and the account setting and retain both with create-and-retain', () => {
    // GIVEN the choice `create-and-retain` WHEN synthesized
    const template = templateFromContext({ [ContextKeys.apiGatewayCloudWatchRole]: 'create-and-retain' });

    // THEN the account points at a role API Gateway assumes, and deleting the stack keeps both
    const roles = apiGatewayRoles(template);
    expect(roles).toHaveLength(1);
    expect(roles[0]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    template.resourceCountIs('AWS::ApiGateway::Account', 1);
    template.hasResource('AWS::ApiGateway::Account', {
      Properties: { CloudWatchRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('CloudWatchRole'), 'Arn'] } },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('should make the stage wait for the account setting it creates', () => {
    // GIVEN the choice `create-and-retain` WHEN synthesized
    const template = templateFromContext({ [ContextKeys.apiGatewayCloudWatchRole]: 'create-and-retain' });

    // THEN the stage is created after the account has its role (execution logging needs it)
    const [accountId] = Object.keys(template.findResources('AWS::ApiGateway::Account'));
    const stages = Object.values(template.findResources('AWS::ApiGateway::Stage'));
    expect(stages).toHaveLength(1);
    expect(stages[0]?.DependsOn).toContain(accountId);
  });

  it('should reject a context value that is not a choice, naming the key and the value', () => {
    // GIVEN a misspelt choice WHEN the context is read THEN the synth stops
    expect(() => readAppContext(testApp({ [ContextKeys.apiGatewayCloudWatchRole]: 'retain' }))).toThrow(
      /Context switchyard:apiGatewayCloudWatchRole must be existing or create-and-retain \(given "retain"\)/,
    );
  });

  it('should reject a prop value that is not a choice, with the value given', () => {
    // GIVEN a value from untyped code WHEN the construct is built THEN it throws with the value
    const cloudWatchRole = String('create') as ApiGatewayCloudWatchRole;
    expect(() => new IngestApi(new Stack(testApp(), 'Bad'), 'Api', { cloudWatchRole })).toThrow(
      /cloudWatchRole must be existing or create-and-retain \(given create\)/,
    );
  });
});

describe('stage throttling from context', () => {
  it('should apply the context rate and burst to every method of the stage', () => {
    // GIVEN limits lifted for a load test WHEN synthesized with them as `-c` strings
    const template = templateFromContext({
      [ContextKeys.throttlingRateLimit]: '5000',
      [ContextKeys.throttlingBurstLimit]: '8000',
    });

    // THEN the stage throttles at those limits
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 5000, ThrottlingBurstLimit: 8000 })],
    });
  });

  it('should keep 100 requests/s with bursts of 200 when the context says nothing', () => {
    // GIVEN no throttling context WHEN synthesized
    const template = templateFromContext({});

    // THEN the stage keeps its defaults
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 })],
    });
  });

  it.each([
    [
      ContextKeys.throttlingRateLimit,
      'fast',
      /Context switchyard:throttlingRateLimit must be a number \(given "fast"\)/,
    ],
    [
      ContextKeys.throttlingBurstLimit,
      '',
      /Context switchyard:throttlingBurstLimit must be a number \(given ""\)/,
    ],
  ])('should refuse %s=%j, naming the key and the value', (key, value, message) => {
    // GIVEN a value that is not a number WHEN the context is read THEN the synth stops
    expect(() => readAppContext(testApp({ [key]: value }))).toThrow(message);
  });

  it('should let the construct refuse a rate that is not positive', () => {
    // GIVEN a zero rate WHEN the stack is built THEN the construct names it
    expect(() => templateFromContext({ [ContextKeys.throttlingRateLimit]: '0' })).toThrow(
      /throttlingRateLimit must be positive \(given 0\)/,
    );
  });
});
