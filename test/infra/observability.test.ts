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

  it('should fire when the oldest task waited over 15 minutes for three minutes running', () => {
    expect(
      alarmsOn('ApproximateAgeOfOldestMessage').map(({ Properties }) => [
        Properties.Threshold,
        Properties.EvaluationPeriods,
      ]),
    ).toEqual([[900, 3]]);
  });

  it('should never alarm on missing data, and fire on the first breaching period otherwise', () => {
    for (const { Properties } of alarms()) {
      expect(Properties.TreatMissingData).toBe('notBreaching');
      if (Properties.MetricName !== 'ApproximateAgeOfOldestMessage')
        expect(Properties.EvaluationPeriods).toBe(1);
    }
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
  type MetricLine = unknown[];
  interface Widget {
    readonly type: string;
    readonly properties: {
      readonly title?: string;
      readonly markdown?: string;
      readonly metrics?: MetricLine[];
    };
  }

  /**
   * The dashboard's widgets, parsed from the synthesized body: a join of JSON text and tokens
   * (resource references), which stand in here as `<token>` so the JSON parses.
   */
  const widgets = (): Widget[] => {
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as {
      Properties: { DashboardBody: { 'Fn::Join': [string, unknown[]] } };
    }[];
    const parts = dashboard?.Properties.DashboardBody['Fn::Join'][1] ?? [];
    const text = parts.map((part) => (typeof part === 'string' ? part : '<token>')).join('');
    return (JSON.parse(text) as { widgets: Widget[] }).widgets;
  };
  const graph = (title: string): MetricLine[] => {
    const found = widgets().find((widget) => widget.properties.title === title);
    if (!found) throw new Error(`no widget titled ${title}`);
    return found.properties.metrics ?? [];
  };
  /** Namespace, metric name and the options object of each line. */
  const series = (title: string) =>
    graph(title).map((line) => ({
      namespace: line[0],
      metric: line[1],
      options: line.at(-1) as { stat?: string; label?: string; expression?: string },
    }));

  const channels = ['tasks', 'flow-recorder', 'high-value-orders', 'task-failures'];
  const rules = ['flow-recorder', 'high-value-orders', 'task-failures'];

  it('should have the API, queue, function, event and business rows, in that order', () => {
    const rows = widgets()
      .filter((widget) => widget.type === 'text')
      .map((widget) => widget.properties.markdown);
    expect(rows).toEqual(['## API', '## Queues', '## Functions', '## Events', '## Business']);
  });

  it('should chart API requests, 4xx, 5xx and latency p50 and p99', () => {
    expect(series('Requests')).toEqual([
      { namespace: 'AWS/ApiGateway', metric: 'Count', options: expect.objectContaining({ stat: 'Sum' }) },
    ]);
    expect(series('4xx').map((s) => [s.metric, s.options.stat])).toEqual([['4XXError', 'Sum']]);
    expect(series('5xx').map((s) => [s.metric, s.options.stat])).toEqual([['5XXError', 'Sum']]);
    expect(series('Latency p50 / p99').map((s) => [s.metric, s.options.stat])).toEqual([
      ['Latency', 'p50'],
      ['Latency', 'p99'],
    ]);
  });

  it('should chart visible messages, oldest message age and DLQ depth of every channel', () => {
    for (const [title, metric] of [
      ['Visible messages', 'ApproximateNumberOfMessagesVisible'],
      ['Age of oldest message (s)', 'ApproximateAgeOfOldestMessage'],
      ['DLQ depth', 'ApproximateNumberOfMessagesVisible'],
    ]) {
      const lines = series(title as string);
      expect(lines.map((s) => s.options.label)).toEqual(channels);
      expect(
        lines.every((s) => s.namespace === 'AWS/SQS' && s.metric === metric && s.options.stat === 'Maximum'),
      ).toBe(true);
    }
  });

  it('should chart errors, throttles, duration p99 and concurrency of all nine functions', () => {
    for (const [title, metric, stat] of [
      ['Errors', 'Errors', 'Sum'],
      ['Throttles', 'Throttles', 'Sum'],
      ['Duration p99 (ms)', 'Duration', 'p99'],
      ['Concurrent executions', 'ConcurrentExecutions', 'Maximum'],
    ]) {
      const lines = series(title as string);
      expect(lines).toHaveLength(9);
      expect(new Set(lines.map((s) => s.options.label)).size).toBe(9);
      expect(
        lines.every((s) => s.namespace === 'AWS/Lambda' && s.metric === metric && s.options.stat === stat),
      ).toBe(true);
    }
  });

  it('should chart matched events, failed invocations and target dead letters of every rule', () => {
    for (const [title, metric] of [
      ['Matched events', 'MatchedEvents'],
      ['Failed invocations', 'FailedInvocations'],
      ['Sent to target DLQ', 'InvocationsSentToDlq'],
    ]) {
      const lines = series(title as string);
      expect(lines.map((s) => s.options.label)).toEqual(rules);
      expect(lines.every((s) => s.namespace === 'AWS/Events' && s.metric === metric)).toBe(true);
    }
  });

  it('should chart the business metrics the functions emit, per task or event type', () => {
    for (const [title, metric, dimension] of [
      ['Tasks accepted', 'TasksAccepted', 'taskType'],
      ['Tasks succeeded', 'TasksSucceeded', 'taskType'],
      ['Tasks failed', 'TasksFailed', 'taskType'],
      ['Events published', 'EventsPublished', 'eventType'],
    ]) {
      const [line = []] = graph(title as string);
      expect((line[0] as { expression: string }).expression).toBe(
        `SEARCH('{Switchyard,service,${dimension}} MetricName="${metric}"', 'Sum', 300)`,
      );
    }
  });
});
