import type { CfnTemplate } from '../../../../local/platform/template/template-types';
import { UnsupportedTemplateError } from '../../../../local/platform/unsupported-template-error';
import { templateProblems } from '../../../../local/runner/template-problems';

const identity = { stackName: 'Demo', region: 'eu-west-1', endpointUrl: 'http://127.0.0.1:4566' };

const table = {
  Type: 'AWS::DynamoDB::Table',
  Properties: {
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  },
};

/** A template with a problem in a resource type, in a queue's properties and in an output. */
const troubled = (): CfnTemplate => ({
  Resources: {
    Uploads: { Type: 'AWS::S3::Bucket' },
    Imported: {
      Type: 'AWS::SQS::Queue',
      Properties: { KmsMasterKeyId: { 'Fn::ImportValue': 'shared-key' } },
    },
    Table: table,
    // Never resolved by the start: permissions have no local effect.
    Policy: { Type: 'AWS::IAM::Policy', Properties: { Zones: { 'Fn::GetAZs': '' } } },
  },
  Outputs: {
    StreamArn: { Value: { 'Fn::GetAtt': ['Table', 'StreamArn'] } },
    // A reference to the unsupported bucket is the bucket's problem again, not a new one.
    UploadsArn: { Value: { 'Fn::GetAtt': ['Uploads', 'Arn'] } },
  },
});

describe('the problems in a template', () => {
  it('should name every problem the start would stop at, in template order', () => {
    // Act
    const problems = templateProblems(troubled(), identity);

    // Assert
    expect(problems.map((problem) => problem.message)).toEqual([
      'Uploads: resource type AWS::S3::Bucket is not supported by the local cloud',
      'Imported: the intrinsic function Fn::ImportValue is not supported locally',
      'Table: Fn::GetAtt StreamArn of AWS::DynamoDB::Table has no local value',
    ]);
  });

  it('should find none in a template the local cloud runs', () => {
    // Act
    const problems = templateProblems(
      {
        Resources: { Table: table, Queue: { Type: 'AWS::SQS::Queue' } },
        Outputs: { QueueUrl: { Value: { Ref: 'Queue' } } },
      },
      identity,
    );

    // Assert
    expect(problems).toEqual([]);
  });

  it('should list several problems in one error, and leave one alone', () => {
    // Arrange
    const problems = templateProblems(troubled(), identity);

    // Act
    const listed = UnsupportedTemplateError.listing(problems);
    const alone = UnsupportedTemplateError.listing(problems.slice(0, 1));

    // Assert
    expect(listed).toBeInstanceOf(UnsupportedTemplateError);
    expect(listed.message).toBe(
      [
        'the template has 3 things the local cloud cannot run:',
        '  Uploads: resource type AWS::S3::Bucket is not supported by the local cloud',
        '  Imported: the intrinsic function Fn::ImportValue is not supported locally',
        '  Table: Fn::GetAtt StreamArn of AWS::DynamoDB::Table has no local value',
      ].join('\n'),
    );
    expect(alone).toBe(problems[0]);
  });
});
