import { Match, Template } from 'aws-cdk-lib/assertions';
import { SwitchyardStack } from '../../infra/stack';
import { removeTestApps, testApp } from './support/test-app';

let template: Template;

beforeAll(() => {
  // GIVEN the stack with an alarm subscriber WHEN synthesized
  const stack = new SwitchyardStack(testApp(), 'Switchyard', { alarmEmails: ['oncall@example.com'] });
  template = Template.fromStack(stack);
});

afterAll(removeTestApps);

type Alarm = { Properties: Record<string, unknown> };
const alarms = () => Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Alarm[];
const alarmsOn = (metricName: string) =>
  alarms().filter(({ Properties }) => Properties.MetricName === metricName);

describe('alarm topic', () => {
  it('should be encrypted with a rotating key CloudWatch may use, TLS-only, with the stack subscribers', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
    });
  });

  it('should receive every alarm', () => {
    expect(alarms().length).toBeGreaterThan(0);
    for (const { Properties } of alarms()) {
      expect(Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^ObservabilityAlarmTopic/) }]);
    }
  });
});

describe('alarms', () => {
  it('should fire as soon as any of the four DLQs holds a message', () => {
    const deadLetters = alarmsOn('ApproximateNumberOfMessagesVisible');
    expect(deadLetters).toHaveLength(4);
    for (const { Properties } of deadLetters) {
      expect(Properties).toMatchObject({
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        Statistic: 'Maximum',
      });
    }
  });

  it('should fire when the oldest task waited over 15 minutes', () => {
    expect(alarmsOn('ApproximateAgeOfOldestMessage').map(({ Properties }) => Properties.Threshold)).toEqual([
      900,
    ]);
  });

  it('should fire on errors and throttles of every function', () => {
    expect(alarmsOn('Errors')).toHaveLength(9);
    expect(alarmsOn('Throttles')).toHaveLength(9);
  });

  it('should fire on failed invocations of every rule', () => {
    const failed = alarmsOn('FailedInvocations');
    expect(failed).toHaveLength(3);
    for (const { Properties } of failed) {
      expect(Properties.Namespace).toBe('AWS/Events');
      expect((Properties.Dimensions as { Name: string }[]).map((d) => d.Name).sort()).toEqual([
        'EventBusName',
        'RuleName',
      ]);
    }
  });

  it('should fire when more than 5% of API requests fail with 5xx', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 0.05,
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'IF(requests > 0, errors / requests, 0)' })]),
    });
  });
});

describe('dashboard', () => {
  const dashboardBody = (): string => {
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as {
      Properties: { DashboardBody: unknown };
    }[];
    return JSON.stringify(dashboard?.Properties.DashboardBody);
  };

  it('should have the API, queue, function, event and business rows', () => {
    const body = dashboardBody();
    for (const row of ['## API', '## Queues', '## Functions', '## Events', '## Business'])
      expect(body).toContain(row);
  });

  it('should chart the metrics the operators watch', () => {
    const body = dashboardBody();
    for (const metric of [
      '5XXError',
      'Latency',
      'ApproximateAgeOfOldestMessage',
      'ConcurrentExecutions',
      'MatchedEvents',
      'InvocationsSentToDlq',
      'MetricName=\\\\\\"TasksAccepted\\\\\\"',
      'MetricName=\\\\\\"EventsPublished\\\\\\"',
    ]) {
      expect(body).toContain(metric);
    }
  });
});
