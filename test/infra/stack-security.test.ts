import { Match, Template } from 'aws-cdk-lib/assertions';
import { ESBUILD_TARGET, LAMBDA_RUNTIME } from '../../infra/lambda-runtime';
import { SwitchyardStack } from '../../infra/stack';
import { removeTestApps, testApp } from './support/test-app';

let template: Template;

beforeAll(() => {
  // GIVEN the stack with its defaults
  const stack = new SwitchyardStack(testApp(), 'Switchyard', { webhookAllowedHosts: ['hooks.example.com'] });
  // WHEN it is synthesized
  template = Template.fromStack(stack);
});

afterAll(removeTestApps);

const resourcesOf = (type: string) =>
  Object.values(template.findResources(type)) as { Properties: Record<string, unknown> }[];

describe('Lambda functions', () => {
  it('should run every function on the pinned nodejs24.x runtime, arm64, with active tracing and JSON logs', () => {
    const functions = resourcesOf('AWS::Lambda::Function');
    expect(functions).toHaveLength(9);
    for (const { Properties } of functions) {
      expect(Properties.Runtime).toBe('nodejs24.x');
      expect(Properties.Architectures).toEqual(['arm64']);
      expect(Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(Properties.LoggingConfig).toMatchObject({ LogFormat: 'JSON', LogGroup: expect.anything() });
    }
  });

  it('should bundle for the Node.js the runtime runs, from the one exported runtime name', () => {
    expect(LAMBDA_RUNTIME).toBe('nodejs24.x');
    expect(ESBUILD_TARGET).toBe('node24');
    for (const { Properties } of resourcesOf('AWS::Lambda::Function')) {
      expect(Properties.Runtime).toBe(LAMBDA_RUNTIME);
    }
  });

  it('should give every function a log group with retention', () => {
    const logGroups = resourcesOf('AWS::Logs::LogGroup');
    expect(logGroups.length).toBeGreaterThanOrEqual(10);
    for (const { Properties } of logGroups) expect(Properties.RetentionInDays).toBe(30);
  });
});

describe('queues', () => {
  it('should encrypt every queue and keep every dead letter for 14 days', () => {
    const queues = resourcesOf('AWS::SQS::Queue');
    expect(queues).toHaveLength(8);
    for (const { Properties } of queues) expect(Properties.SqsManagedSseEnabled).toBe(true);
    const deadLetterQueues = queues.filter(({ Properties }) => !Properties.RedrivePolicy);
    expect(deadLetterQueues).toHaveLength(4);
    for (const { Properties } of deadLetterQueues) expect(Properties.MessageRetentionPeriod).toBe(1_209_600);
  });

  it('should dead-letter after 5 receives with a visibility timeout of 6x the worker timeout', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 180,
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 5 },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Timeout: 30,
      Environment: {
        Variables: Match.objectLike({
          TASK_MAX_RECEIVE_COUNT: '5',
          WEBHOOK_ALLOWED_HOSTS: 'hooks.example.com',
        }),
      },
    });
  });

  it('should deny every request to every queue that is not over TLS', () => {
    const policies = resourcesOf('AWS::SQS::QueuePolicy');
    expect(policies).toHaveLength(8);
    for (const { Properties } of policies) {
      expect(Properties.PolicyDocument).toMatchObject({
        Statement: expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      });
    }
  });

  it('should feed every consumer with partial batch responses', () => {
    const mappings = resourcesOf('AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(4);
    for (const { Properties } of mappings)
      expect(Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      ScalingConfig: { MaximumConcurrency: 10 },
    });
  });

  it('should alarm as soon as a message is dead-lettered', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });
});

describe('tables', () => {
  it('should be on demand, encrypted and point-in-time recoverable', () => {
    const tables = resourcesOf('AWS::DynamoDB::Table');
    expect(tables).toHaveLength(3);
    for (const { Properties } of tables) {
      expect(Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      });
    }
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
    });
  });
});

describe('permissions', () => {
  it('should grant no wildcard action and no wildcard resource beyond X-Ray', () => {
    for (const { Properties } of resourcesOf('AWS::IAM::Policy')) {
      const statements = (
        Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }
      ).Statement;
      for (const statement of statements) {
        const actions = ([] as string[]).concat(statement.Action);
        expect(actions.some((action) => action.includes('*'))).toBe(false);
        if (statement.Resource === '*')
          expect(actions.every((action) => action.startsWith('xray:'))).toBe(true);
      }
    }
  });

  it('should let ingest only put and delete status records and send to the queue', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['dynamodb:DeleteItem', 'dynamodb:PutItem'] }),
          Match.objectLike({ Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'] }),
        ]),
      },
    });
  });
});

describe('REST API', () => {
  const methods = () => resourcesOf('AWS::ApiGateway::Method');

  it('should require IAM auth on every route but liveness, with no CORS preflight by default', () => {
    const byAuth = methods().map(({ Properties }) => [Properties.HttpMethod, Properties.AuthorizationType]);
    expect(byAuth.sort()).toEqual([
      ['GET', 'AWS_IAM'],
      ['GET', 'AWS_IAM'],
      ['GET', 'NONE'],
      ['POST', 'AWS_IAM'],
      ['POST', 'AWS_IAM'],
    ]);
  });

  it('should validate the task body with a model generated from the task schemas', () => {
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', {
      ValidateRequestBody: true,
      ValidateRequestParameters: true,
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      RequestModels: { 'application/json': Match.anyValue() },
      RequestValidatorId: Match.anyValue(),
    });
    const model = resourcesOf('AWS::ApiGateway::Model').find(
      ({ Properties }) => Properties.Name === 'SubmitTask',
    );
    const schema = model?.Properties.Schema as { oneOf: { properties: { type: { enum: string[] } } }[] };
    expect(schema.oneOf.map((variant) => variant.properties.type.enum[0])).toEqual(['hello', 'webhook']);
  });

  it('should throttle, trace and log the stage without logging payloads', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
      MethodSettings: [
        Match.objectLike({
          LoggingLevel: 'INFO',
          DataTraceEnabled: false,
          ThrottlingRateLimit: 100,
          ThrottlingBurstLimit: 200,
        }),
      ],
    });
  });

  it('should answer gateway errors in the JSON error shape', () => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'BAD_REQUEST_BODY',
      ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"code":"VALIDATION_FAILED"') },
    });
  });
});
