import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { EventChannel } from '../../infra/constructs/event-channel';
import { IntegrationChecks } from '../../infra/constructs/integration-checks';
import { Subscription } from '../../infra/constructs/subscription';
import { MAX_SUBSCRIPTION_NAME_LENGTH, replayRuleNamePrefix } from '../../infra/replay-rules';
import { SwitchyardStack } from '../../infra/stack';
import { removeTestApps, testApp } from './support/test-app';

let stack: SwitchyardStack;
let template: Template;

beforeAll(() => {
  // GIVEN the stack WHEN synthesized
  stack = new SwitchyardStack(testApp(), 'Switchyard', { archiveRetention: Duration.days(30) });
  template = Template.fromStack(stack);
});

afterAll(removeTestApps);

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

/** Every action a function's role may take, with the logical id of each resource it names. */
const permissionsOf = (functionConstructPath: string): string[] => {
  const policies = template.findResources('AWS::IAM::Policy');
  const entries: string[] = [];
  for (const policy of Object.values(policies) as {
    Properties: { PolicyDocument: { Statement: Statement[] }; Roles: { Ref: string }[] };
  }[]) {
    const role = policy.Properties.Roles[0]?.Ref ?? '';
    if (!role.startsWith(functionConstructPath)) continue;
    for (const statement of policy.Properties.PolicyDocument.Statement) {
      const named = [...JSON.stringify(statement.Resource).matchAll(/"(\w+?)[0-9A-F]{8}"/g)].map(
        (match) => match[1],
      );
      const resources = named.length > 0 ? named : [String(statement.Resource)];
      for (const action of ([] as string[]).concat(statement.Action)) {
        for (const resource of resources) entries.push(`${action} ${resource}`);
      }
    }
  }
  return entries.sort();
};

describe('event bus and archive', () => {
  it('should archive every event of the account for the configured retention', () => {
    template.resourceCountIs('AWS::Events::EventBus', 1);
    template.hasResourceProperties('AWS::Events::Archive', {
      EventPattern: { account: [{ Ref: 'AWS::AccountId' }] },
      RetentionDays: 30,
      SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EventChannelBus'), 'Arn'] },
    });
  });

  it('should reject an archive retention that is not whole days', () => {
    expect(
      () => new EventChannel(new Stack(testApp(), 'Bad'), 'Channel', { archiveRetention: Duration.hours(5) }),
    ).toThrow(/archiveRetention must be a whole number of days, at least 1 \(given 5 hours\)/);
  });
});

describe('subscriptions', () => {
  const ruleWithPattern = (pattern: object) =>
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: Match.stringLikeRegexp('^EventChannelBus') },
      EventPattern: pattern,
      State: 'ENABLED',
    });

  it('should route with the exact patterns of the three subscriptions', () => {
    template.resourceCountIs('AWS::Events::Rule', 3);
    ruleWithPattern({ account: [{ Ref: 'AWS::AccountId' }] });
    ruleWithPattern({
      'detail-type': ['order.placed'],
      detail: { data: { amount: [{ numeric: ['>=', 1000] }] } },
    });
    ruleWithPattern({ source: ['switchyard.tasks'], 'detail-type': ['task.failed'] });
  });

  it('should give every rule target a retry policy and a dead-letter queue', () => {
    for (const { Properties } of Object.values(template.findResources('AWS::Events::Rule')) as {
      Properties: { Targets: Record<string, unknown>[] };
    }[]) {
      expect(Properties.Targets).toHaveLength(1);
      expect(Properties.Targets[0]).toMatchObject({
        Arn: { 'Fn::GetAtt': [expect.stringMatching(/Queue/), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/DeadLetterQueue/), 'Arn'] } },
      });
    }
  });

  it("should let only its own replay rules on the stack's bus send to each subscription queue and DLQ", () => {
    for (const subscription of stack.subscriptions) {
      for (const queue of [subscription.queue, subscription.deadLetterQueue]) {
        const policies = Object.values(template.findResources('AWS::SQS::QueuePolicy')) as {
          Properties: { Queues: unknown[]; PolicyDocument: { Statement: Record<string, unknown>[] } };
        }[];
        const policy = policies.find(
          ({ Properties }) =>
            JSON.stringify(Properties.Queues) === JSON.stringify([stack.resolve(queue.queueUrl)]),
        );
        const replay = policy?.Properties.PolicyDocument.Statement.find(
          (s) => s.Sid === 'AllowOperatorReplayRules',
        );
        expect(replay).toEqual({
          Sid: 'AllowOperatorReplayRules',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: stack.resolve(queue.queueArn),
          Condition: {
            ArnLike: {
              'aws:SourceArn': {
                'Fn::Join': [
                  '',
                  [
                    'arn:',
                    { Ref: 'AWS::Partition' },
                    ':events:',
                    { Ref: 'AWS::Region' },
                    ':',
                    { Ref: 'AWS::AccountId' },
                    ':rule/',
                    stack.resolve(stack.eventChannel.bus.eventBusName),
                    `/${replayRuleNamePrefix(subscription.subscriptionName)}*`,
                  ],
                ],
              },
            },
          },
        });
      }
    }
  });

  it('should buffer each subscription in a queue with a DLQ and a visibility of 6x its consumer timeout', () => {
    for (const subscription of stack.subscriptions) {
      const queue = subscription.queue.node.defaultChild as sqs.CfnQueue;
      expect(queue.visibilityTimeout).toBe(180);
      expect(stack.resolve(queue.redrivePolicy)).toMatchObject({ maxReceiveCount: 5 });
    }
  });
});

describe('least privilege', () => {
  it('should let publish-events put events on the bus and nothing else', () => {
    expect(permissionsOf('PublishEvents')).toEqual([
      'events:PutEvents EventChannelBus',
      'xray:PutTelemetryRecords *',
      'xray:PutTraceSegments *',
    ]);
  });

  it('should let the worker read and update task records, consume its queue and put events', () => {
    expect(permissionsOf('TaskChannelWorker')).toEqual([
      'dynamodb:GetItem StateStatusTable',
      'dynamodb:UpdateItem StateStatusTable',
      'events:PutEvents EventChannelBus',
      'sqs:ChangeMessageVisibility TaskChannelQueue',
      'sqs:DeleteMessage TaskChannelQueue',
      'sqs:GetQueueAttributes TaskChannelQueue',
      'sqs:GetQueueUrl TaskChannelQueue',
      'sqs:ReceiveMessage TaskChannelQueue',
      'xray:PutTelemetryRecords *',
      'xray:PutTraceSegments *',
    ]);
  });

  it('should let a consumer read its own queue, put flow items and keep idempotency keys, nothing more', () => {
    expect(permissionsOf('TaskFailuresConsumer')).toEqual([
      'dynamodb:DeleteItem StateIdempotencyTable',
      'dynamodb:GetItem StateIdempotencyTable',
      'dynamodb:PutItem StateFlowTable',
      'dynamodb:PutItem StateIdempotencyTable',
      'dynamodb:UpdateItem StateIdempotencyTable',
      'sqs:ChangeMessageVisibility TaskFailuresQueue',
      'sqs:DeleteMessage TaskFailuresQueue',
      'sqs:GetQueueAttributes TaskFailuresQueue',
      'sqs:GetQueueUrl TaskFailuresQueue',
      'sqs:ReceiveMessage TaskFailuresQueue',
      'xray:PutTelemetryRecords *',
      'xray:PutTraceSegments *',
    ]);
  });

  it('should give the wire tap, idempotent by its conditional write, no idempotency table at all', () => {
    expect(permissionsOf('FlowRecorderConsumer')).toEqual([
      'dynamodb:PutItem StateFlowTable',
      'sqs:ChangeMessageVisibility FlowRecorderQueue',
      'sqs:DeleteMessage FlowRecorderQueue',
      'sqs:GetQueueAttributes FlowRecorderQueue',
      'sqs:GetQueueUrl FlowRecorderQueue',
      'sqs:ReceiveMessage FlowRecorderQueue',
      'xray:PutTelemetryRecords *',
      'xray:PutTraceSegments *',
    ]);
  });

  it('should let get-flow query the flow table and the correlation index of the status table only', () => {
    expect(permissionsOf('GetFlow')).toEqual([
      'dynamodb:Query StateFlowTable',
      'dynamodb:Query StateStatusTable',
      'xray:PutTelemetryRecords *',
      'xray:PutTraceSegments *',
    ]);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'dynamodb:Query',
            Resource: Match.arrayWith([
              {
                'Fn::Join': [
                  '',
                  [
                    { 'Fn::GetAtt': [Match.stringLikeRegexp('^StateStatusTable'), 'Arn'] },
                    '/index/byCorrelationId',
                  ],
                ],
              },
            ]),
          }),
        ]),
      },
    });
  });
});

describe('Subscription props', () => {
  it('should refuse a name longer than replay rule names can carry, before building anything', () => {
    // Arrange
    const scope = new Stack(testApp(), 'Scope');
    const bus = new events.EventBus(scope, 'Bus');
    const table = new dynamodb.Table(scope, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    });

    // Act
    const build = (subscriptionName: string) =>
      new Subscription(scope, subscriptionName, {
        bus,
        subscriptionName,
        description: 'test',
        eventPattern: { source: ['test'] },
        consumerEntryFolder: 'flow-recorder',
        flowTable: table,
        idempotencyTable: table,
        metricsNamespace: 'Test',
      });

    // Assert
    expect(() => build(`a${'b'.repeat(MAX_SUBSCRIPTION_NAME_LENGTH)}`)).toThrow(
      `subscriptionName must be kebab-case, 1 to ${MAX_SUBSCRIPTION_NAME_LENGTH} characters, so replay rule names can carry it`,
    );
    expect(MAX_SUBSCRIPTION_NAME_LENGTH).toBe(37);
  });
});

describe('IntegrationChecks on rules', () => {
  it('should fail the synth for a rule target without a dead-letter queue or retry policy', () => {
    const bare = new Stack(testApp(), 'Bare');
    new events.Rule(bare, 'Rule', {
      eventPattern: { source: ['x'] },
      targets: [new targets.SqsQueue(new sqs.Queue(bare, 'Queue'))],
    });
    bare.node.addValidation(new IntegrationChecks(bare));

    const synth = () => Template.fromStack(bare);

    expect(synth).toThrow(/Bare\/Rule\/Resource -> target Target0: the rule target has no dead-letter queue/);
    expect(synth).toThrow(/the rule target has no retry policy/);
  });
});
