// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub strings use CloudFormation's ${} syntax, not JavaScript's.

import type { CfnTemplate } from '../../../../local/platform/template/template-types';
import { UnsupportedTemplateError } from '../../../../local/runner/errors';
import { eventSourceMappings } from '../../../../local/runner/event-source-mappings';
import { functionDefinitions } from '../../../../local/runner/function-definitions';
import { StackResources } from '../../../../local/runner/stack-resources';

const identity = { stackName: 'Demo', region: 'eu-west-1', endpointUrl: 'http://127.0.0.1:4566' };
const assembly = { assetDir: (logicalId: string) => `/assets/${logicalId}` };

/** A template in the shape CDK synthesizes: a queue with a DLQ, a table, a bus and a function using them. */
const templateWith = (
  extra: Record<string, unknown> = {},
  conditions: Record<string, unknown> = {},
): CfnTemplate =>
  ({
    Conditions: { IsEuWest1: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] }, ...conditions },
    Mappings: { Sizes: { 'eu-west-1': { memory: 512 } } },
    Resources: {
      Dlq: { Type: 'AWS::SQS::Queue', Properties: { MessageRetentionPeriod: 1209600 } },
      Queue: {
        Type: 'AWS::SQS::Queue',
        Properties: {
          VisibilityTimeout: 180,
          RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] }, maxReceiveCount: 5 },
        },
      },
      Table: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        },
      },
      Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'demo-bus' } },
      Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Code: { S3Bucket: { 'Fn::Sub': 'cdk-assets-${AWS::AccountId}-${AWS::Region}' }, S3Key: 'x.zip' },
          Handler: 'index.handler',
          Runtime: 'nodejs24.x',
          Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
          Timeout: 30,
          MemorySize: { 'Fn::FindInMap': ['Sizes', { Ref: 'AWS::Region' }, 'memory'] },
          Environment: {
            Variables: {
              QUEUE_URL: { Ref: 'Queue' },
              QUEUE_ARN: { 'Fn::GetAtt': ['Queue', 'Arn'] },
              TABLE: { Ref: 'Table' },
              BUS_ARN: { 'Fn::GetAtt': ['Bus', 'Arn'] },
              SUB_SHORT: { 'Fn::Sub': '${AWS::StackName}/${Bus.Name}/${!Literal}' },
              SUB_LONG: { 'Fn::Sub': ['${A}-${AWS::Partition}-${AWS::URLSuffix}', { A: { Ref: 'Table' } }] },
              JOINED: { 'Fn::Join': [',', ['a', { Ref: 'AWS::AccountId' }]] },
              SELECTED: { 'Fn::Select': [1, { 'Fn::Split': ['/', 'x/y/z'] }] },
              CHOSEN: { 'Fn::If': ['IsEuWest1', 'europe', 'elsewhere'] },
              SELF: { 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:x' },
            },
          },
        },
      },
      Mapping: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: {
          EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] },
          FunctionName: { Ref: 'Fn' },
          BatchSize: 5,
          MaximumBatchingWindowInSeconds: 2,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          ScalingConfig: { MaximumConcurrency: 3 },
        },
      },
      ...extra,
    },
  }) as CfnTemplate;

describe('reading a synthesized template for the local cloud', () => {
  it('should resolve intrinsics and pseudo parameters to local names, ARNs and URLs', () => {
    // Arrange
    const stack = new StackResources(templateWith(), identity, 'strict');

    // Act
    const [definition] = functionDefinitions(stack, assembly);

    // Assert
    expect(definition).toMatchObject({
      name: 'Demo-Fn',
      arn: 'arn:aws:lambda:eu-west-1:000000000000:function:Demo-Fn',
      codeDir: '/assets/Fn',
      timeoutSeconds: 30,
      memorySizeMb: 512,
      environment: {
        QUEUE_URL: 'http://127.0.0.1:4566/000000000000/Demo-Queue',
        QUEUE_ARN: 'arn:aws:sqs:eu-west-1:000000000000:Demo-Queue',
        TABLE: 'Demo-Table',
        BUS_ARN: 'arn:aws:events:eu-west-1:000000000000:event-bus/demo-bus',
        SUB_SHORT: 'Demo/demo-bus/${Literal}',
        SUB_LONG: 'Demo-Table-aws-amazonaws.com',
        JOINED: 'a,000000000000',
        SELECTED: 'y',
        CHOSEN: 'europe',
        SELF: 'arn:aws:lambda:eu-west-1:000000000000:function:x',
      },
    });
  });

  it('should read an SQS event source mapping with its batching and concurrency settings', () => {
    // Arrange
    const stack = new StackResources(templateWith(), identity, 'strict');

    // Act
    const mappings = eventSourceMappings(stack);

    // Assert
    expect(mappings).toEqual([
      {
        id: 'Mapping',
        queueArn: 'arn:aws:sqs:eu-west-1:000000000000:Demo-Queue',
        functionReference: 'Demo-Fn',
        batchSize: 5,
        maximumBatchingWindowSeconds: 2,
        maximumConcurrency: 3,
        reportBatchItemFailures: true,
      },
    ]);
  });

  it('should drop AWS::NoValue and leave out resources whose condition is false', () => {
    // Arrange
    const stack = new StackResources(
      templateWith(
        {
          Optional: { Type: 'AWS::SQS::Queue', Condition: 'IsElsewhere' },
          Named: {
            Type: 'AWS::SQS::Queue',
            Properties: {
              QueueName: 'named',
              DelaySeconds: { 'Fn::If': ['IsElsewhere', 5, { Ref: 'AWS::NoValue' }] },
            },
          },
        },
        { IsElsewhere: { 'Fn::Not': [{ Condition: 'IsEuWest1' }] } },
      ),
      identity,
      'strict',
    );

    // Act
    const queues = stack.list('queue');

    // Assert
    expect(queues.map((queue) => queue.logicalId)).toEqual(['Dlq', 'Queue', 'Named']);
    expect(queues.find((queue) => queue.logicalId === 'Named')?.properties).toEqual({ QueueName: 'named' });
    expect(stack.physicalName('Named')).toBe('named');
  });

  it('should refuse a resource type it cannot run, naming the resource', () => {
    // Act
    const start = () =>
      new StackResources(templateWith({ Uploads: { Type: 'AWS::S3::Bucket' } }), identity, 'strict');

    // Assert
    expect(start).toThrow(UnsupportedTemplateError);
    expect(start).toThrow('Uploads: resource type AWS::S3::Bucket is not supported by the local cloud');
  });

  it('should refuse an intrinsic it cannot resolve, naming the resource', () => {
    // Arrange
    const stack = new StackResources(
      templateWith({
        Imported: {
          Type: 'AWS::SQS::Queue',
          Properties: { KmsMasterKeyId: { 'Fn::ImportValue': 'shared-key' } },
        },
      }),
      identity,
      'strict',
    );

    // Act
    const list = () => stack.list('queue');

    // Assert
    expect(list).toThrow('Imported: the intrinsic function Fn::ImportValue is not supported locally');
  });

  it('should refuse a function property it does not know rather than ignore it', () => {
    // Arrange
    const template = templateWith();
    const fn = template.Resources.Fn as { Properties: Record<string, unknown> };
    fn.Properties.Layers = ['arn:aws:lambda:eu-west-1:123456789012:layer:x:1'];
    const stack = new StackResources(template, identity, 'strict');

    // Act
    const read = () => functionDefinitions(stack, assembly);

    // Assert
    expect(read).toThrow('Fn: Lambda layers are not supported locally');
  });

  it('should refuse an attribute that has no local value', () => {
    // Arrange
    const stack = new StackResources(templateWith(), identity, 'strict');

    // Act
    const resolve = () => stack.resolve({ 'Fn::GetAtt': ['Table', 'StreamArn'] }, 'Consumer');

    // Assert
    expect(resolve).toThrow('Table: Fn::GetAtt StreamArn of AWS::DynamoDB::Table has no local value');
  });
});
