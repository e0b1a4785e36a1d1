import {
  IntrinsicResolver,
  type IntrinsicScope,
  type ResolutionMode,
  UNRESOLVED,
} from '../../../../../local/platform/template/intrinsic-resolver';
import type { CfnTemplate } from '../../../../../local/platform/template/template-types';
import { UnsupportedTemplateError } from '../../../../../local/platform/unsupported-template-error';

/** A stack where `Queue` has a URL and an ARN, and nothing else has a local value. */
const scope: IntrinsicScope = {
  region: 'eu-west-1',
  accountId: '000000000000',
  partition: 'aws',
  urlSuffix: 'amazonaws.com',
  stackName: 'Demo',
  stackId: 'arn:aws:cloudformation:eu-west-1:000000000000:stack/Demo/1',
  ref: (logicalId) => `https://queue.local/${logicalId}`,
  getAtt: (logicalId, attribute) => {
    if (attribute === 'Arn') return `arn:aws:sqs:eu-west-1:000000000000:${logicalId}`;
    throw new UnsupportedTemplateError(logicalId, `Fn::GetAtt ${attribute} has no local value`);
  },
};

const template: CfnTemplate = {
  Conditions: {
    InEurope: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] },
    InAsia: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'ap-southeast-1'] },
  },
  Resources: { Queue: { Type: 'AWS::SQS::Queue' } },
};

/** Properties with two values the local cloud cannot resolve, between two it can. */
const properties = {
  QueueUrl: { Ref: 'Queue' },
  Imported: { 'Fn::ImportValue': 'shared-key' },
  Zones: { 'Fn::Join': [',', { 'Fn::GetAZs': '' }] },
  Arn: { 'Fn::GetAtt': ['Queue', 'Arn'] },
};

const resolver = (mode: ResolutionMode) => new IntrinsicResolver(template, scope, mode);

describe('the intrinsic resolver', () => {
  describe('in strict mode', () => {
    it('should throw at the first value it cannot resolve, naming where it appears', () => {
      // Arrange
      const strict = resolver('strict');

      // Act
      const resolve = () => strict.resolve(properties, 'Consumer');

      // Assert
      expect(resolve).toThrow(UnsupportedTemplateError);
      expect(resolve).toThrow('Consumer: the intrinsic function Fn::ImportValue is not supported locally');
    });

    it('should throw a problem reported from outside an intrinsic', () => {
      // Arrange
      const problem = new UnsupportedTemplateError(
        'Bucket',
        'resource type AWS::S3::Bucket is not supported',
      );

      // Act
      const report = () => resolver('strict').report(problem);

      // Assert
      expect(report).toThrow(problem);
    });
  });

  describe('in lenient mode', () => {
    it('should record every problem, in the order met, and resolve everything else', () => {
      // Arrange
      const lenient = resolver('lenient');

      // Act
      const resolved = lenient.resolve(properties, 'Consumer');

      // Assert
      expect(resolved).toEqual({
        QueueUrl: 'https://queue.local/Queue',
        Imported: UNRESOLVED,
        Zones: UNRESOLVED,
        Arn: 'arn:aws:sqs:eu-west-1:000000000000:Queue',
      });
      expect(lenient.problems.map((problem) => problem.message)).toEqual([
        'Consumer: the intrinsic function Fn::ImportValue is not supported locally',
        'Consumer: the intrinsic function Fn::GetAZs is not supported locally',
      ]);
    });

    it('should name a problem once, however often it is met', () => {
      // Arrange
      const lenient = resolver('lenient');

      // Act
      lenient.resolve({ A: { 'Fn::GetAtt': ['Queue', 'QueueName'] } }, 'Consumer');
      lenient.resolve({ B: { 'Fn::GetAtt': ['Queue', 'QueueName'] } }, 'Consumer');

      // Assert
      expect(lenient.problems.map((problem) => problem.message)).toEqual([
        'Queue: Fn::GetAtt QueueName has no local value',
      ]);
    });

    it('should not count a function over an unresolved value as a second problem', () => {
      // Arrange: Fn::Select needs a list, and gets the placeholder of the unresolved Fn::GetAZs.
      const lenient = resolver('lenient');

      // Act
      const resolved = lenient.resolve({ Zone: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] } }, 'Subnet');

      // Assert
      expect(resolved).toEqual({ Zone: UNRESOLVED });
      expect(lenient.problems.map((problem) => problem.message)).toEqual([
        'Subnet: the intrinsic function Fn::GetAZs is not supported locally',
      ]);
    });

    it('should not count a function over a problem met before as one of its own', () => {
      // Arrange: the second Ref to Missing is a repeat, and Fn::Select fails only because of it.
      const lenient = resolver('lenient');

      // Act
      lenient.resolve(
        {
          A: { Ref: 'Missing' },
          B: { 'Fn::Select': [1, { 'Fn::Split': [',', { Ref: 'Missing' }] }] },
        },
        'Consumer',
      );

      // Assert
      expect(lenient.problems.map((problem) => problem.message)).toEqual([
        'Consumer: Ref to Missing, which the template does not declare',
      ]);
    });

    it('should count a malformed function whose arguments all resolved', () => {
      // Arrange
      const lenient = resolver('lenient');

      // Act
      lenient.resolve({ Zone: { 'Fn::Select': [3, ['a', 'b']] } }, 'Subnet');

      // Assert
      expect(lenient.problems.map((problem) => problem.message)).toEqual(['Subnet: malformed Fn::Select']);
    });

    it('should take a condition it cannot evaluate as holding, and record why', () => {
      // Arrange
      const lenient = resolver('lenient');

      // Act
      const holds = lenient.condition('Missing', 'Queue');
      const known = [lenient.condition('InEurope', 'Queue'), lenient.condition('InAsia', 'Queue')];

      // Assert: the unknown one holds; the others are evaluated as they are.
      expect(holds).toBe(true);
      expect(known).toEqual([true, false]);
      expect(lenient.problems.map((problem) => problem.message)).toEqual([
        'Queue: unknown condition Missing',
      ]);
    });

    it('should record a problem reported from outside an intrinsic', () => {
      // Arrange
      const lenient = resolver('lenient');
      const problem = new UnsupportedTemplateError(
        'Bucket',
        'resource type AWS::S3::Bucket is not supported',
      );

      // Act
      lenient.report(problem);

      // Assert
      expect(lenient.problems).toEqual([problem]);
    });

    it('should let an error that is not about the template through', () => {
      // Arrange
      const failing = new IntrinsicResolver(
        template,
        {
          ...scope,
          ref: () => {
            throw new TypeError('a bug in the scope');
          },
        },
        'lenient',
      );

      // Act
      const resolve = () => failing.resolve({ Ref: 'Queue' }, 'Consumer');

      // Assert
      expect(resolve).toThrow(TypeError);
    });
  });
});
