import { Duration, Stack } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as snsSubscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PropProblems } from './prop-problems';

/** A queue an operator watches, with the DLQ its failures end in. */
export interface ObservedChannel {
  /** Shown in widget titles and alarm names, e.g. `tasks` or `high-value-orders`. */
  readonly name: string;
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
  /** Alarm when the oldest waiting message is older than this. @default - no age alarm */
  readonly maxMessageAge?: Duration;
}

export interface ObservedFunction {
  readonly name: string;
  readonly function: lambda.IFunction;
}

export interface ObservedRule {
  readonly name: string;
  readonly rule: events.IRule;
}

export interface ObservabilityProps {
  readonly api: apigateway.RestApi;
  readonly channels: readonly ObservedChannel[];
  readonly functions: readonly ObservedFunction[];
  readonly bus: events.IEventBus;
  readonly rules: readonly ObservedRule[];
  /** Namespace of the business metrics the functions emit. */
  readonly metricsNamespace: string;
  /** Who is told when an alarm fires. @default - no subscriber; subscribe to the topic yourself */
  readonly alarmEmails?: readonly string[];
  /** Alarm when more than this share of API requests fail with 5xx (0 to 1). @default 0.05 */
  readonly apiServerErrorRate?: number;
}

const FIVE_MINUTES = Duration.minutes(5);
const ONE_MINUTE = Duration.minutes(1);

/**
 * What the people who run Switchyard look at: one dashboard (API, queues, functions, events,
 * business metrics) and the alarms that need a human, all sent to one encrypted SNS topic.
 */
export class Observability extends Construct {
  readonly alarmTopic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly alarmAction: cloudwatchActions.SnsAction;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ObservabilityProps,
  ) {
    super(scope, id);
    const serverErrorRate = props.apiServerErrorRate ?? 0.05;
    const problems = new PropProblems('Observability');
    if (!(serverErrorRate > 0 && serverErrorRate <= 1)) {
      problems.add(`apiServerErrorRate must be above 0 and at most 1 (given ${serverErrorRate})`);
    }
    problems.throwIfAny();

    this.alarmTopic = this.createAlarmTopic();
    this.alarmAction = new cloudwatchActions.SnsAction(this.alarmTopic);
    this.addApiAlarm(serverErrorRate);
    this.addChannelAlarms();
    this.addFunctionAlarms();
    this.addRuleAlarms();

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-operations`,
      defaultInterval: Duration.hours(3),
    });
    this.addApiRow();
    this.addQueueRow();
    this.addFunctionRow();
    this.addEventRow();
    this.addBusinessRow();
  }

  /** The topic every alarm goes to, encrypted with a key CloudWatch may use. */
  private createAlarmTopic(): sns.Topic {
    // CloudWatch can only publish to a topic whose key lets it, so the key is ours, not aws/sns.
    const key = new kms.Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the Switchyard alarm topic',
      enableKeyRotation: true,
    });
    key.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    const topic = new sns.Topic(this, 'AlarmTopic', { masterKey: key, enforceSSL: true });
    for (const email of this.props.alarmEmails ?? []) {
      topic.addSubscription(new snsSubscriptions.EmailSubscription(email));
    }
    return topic;
  }

  /** An alarm that never fires on missing data and is sent to the alarm topic. */
  private alarm(
    alarmId: string,
    metric: cloudwatch.IMetric,
    options: Omit<cloudwatch.CreateAlarmOptions, 'metric'>,
  ): cloudwatch.Alarm {
    const created = new cloudwatch.Alarm(this, alarmId, {
      metric,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      ...options,
    });
    created.addAlarmAction(this.alarmAction);
    this.alarms.push(created);
    return created;
  }

  private addApiAlarm(serverErrorRate: number): void {
    const { api } = this.props;
    const serverErrors = new cloudwatch.MathExpression({
      label: '5xx rate',
      expression: 'IF(requests > 0, errors / requests, 0)',
      usingMetrics: {
        errors: api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
        requests: api.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' }),
      },
      period: FIVE_MINUTES,
    });
    this.alarm('ApiServerErrorRate', serverErrors, {
      alarmDescription: `More than ${serverErrorRate * 100}% of API requests failed with 5xx: check the functions' logs by correlation id.`,
      threshold: serverErrorRate,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });
  }

  private addChannelAlarms(): void {
    for (const channel of this.props.channels) {
      this.alarm(
        `${pascal(channel.name)}DeadLetters`,
        channel.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: ONE_MINUTE,
          statistic: 'Maximum',
        }),
        {
          alarmDescription: `Messages were dead-lettered on ${channel.name}: inspect them (switchyard dlq peek ${channel.name}) and redrive once the cause is fixed.`,
          threshold: 0,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
        },
      );
      if (channel.maxMessageAge) {
        this.alarm(
          `${pascal(channel.name)}OldestMessageAge`,
          channel.queue.metricApproximateAgeOfOldestMessage({ period: ONE_MINUTE, statistic: 'Maximum' }),
          {
            alarmDescription: `The oldest message on ${channel.name} waited over ${channel.maxMessageAge.toHumanString()}: consumers are failing or too slow.`,
            threshold: channel.maxMessageAge.toSeconds(),
            comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            evaluationPeriods: 3,
          },
        );
      }
    }
  }

  private addFunctionAlarms(): void {
    for (const { name, function: fn } of this.props.functions) {
      this.alarm(`${pascal(name)}Errors`, fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), {
        alarmDescription: `${name} invocations failed: check its log group.`,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      });
      this.alarm(`${pascal(name)}Throttles`, fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }), {
        alarmDescription: `${name} was throttled: raise its concurrency or the account limit.`,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      });
    }
  }

  /** An EventBridge metric of one rule on the bus. */
  private ruleMetric(metricName: string, rule: events.IRule, statistic = 'Sum'): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/Events',
      metricName,
      dimensionsMap: { EventBusName: this.props.bus.eventBusName, RuleName: rule.ruleName },
      period: FIVE_MINUTES,
      statistic,
    });
  }

  private addRuleAlarms(): void {
    for (const { name, rule } of this.props.rules) {
      this.alarm(`${pascal(name)}FailedInvocations`, this.ruleMetric('FailedInvocations', rule), {
        alarmDescription: `EventBridge could not deliver events of rule ${name} to its target; they retry and then go to its DLQ.`,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      });
    }
  }

  private addApiRow(): void {
    const { api } = this.props;
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({ markdown: '## API', width: 24, height: 1 }),
      graph('Requests', [api.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' })]),
      graph('4xx', [api.metricClientError({ period: FIVE_MINUTES, statistic: 'Sum' })]),
      graph('5xx', [api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' })]),
      graph('Latency p50 / p99', [
        api.metricLatency({ period: FIVE_MINUTES, statistic: 'p50' }),
        api.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' }),
      ]),
    );
  }

  private addQueueRow(): void {
    const { channels } = this.props;
    this.dashboard.addWidgets(new cloudwatch.TextWidget({ markdown: '## Queues', width: 24, height: 1 }));
    this.dashboard.addWidgets(
      graph(
        'Visible messages',
        channels.map((c) =>
          c.queue.metricApproximateNumberOfMessagesVisible({
            label: c.name,
            period: ONE_MINUTE,
            statistic: 'Maximum',
          }),
        ),
        8,
      ),
      graph(
        'Age of oldest message (s)',
        channels.map((c) =>
          c.queue.metricApproximateAgeOfOldestMessage({
            label: c.name,
            period: ONE_MINUTE,
            statistic: 'Maximum',
          }),
        ),
        8,
      ),
      graph(
        'DLQ depth',
        channels.map((c) =>
          c.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
            label: c.name,
            period: ONE_MINUTE,
            statistic: 'Maximum',
          }),
        ),
        8,
      ),
    );
  }

  private addFunctionRow(): void {
    this.dashboard.addWidgets(new cloudwatch.TextWidget({ markdown: '## Functions', width: 24, height: 1 }));
    const perFunction = (metric: (fn: lambda.IFunction, label: string) => cloudwatch.IMetric) =>
      this.props.functions.map(({ name, function: fn }) => metric(fn, name));
    this.dashboard.addWidgets(
      graph(
        'Errors',
        perFunction((fn, label) => fn.metricErrors({ label, period: FIVE_MINUTES, statistic: 'Sum' })),
      ),
      graph(
        'Throttles',
        perFunction((fn, label) => fn.metricThrottles({ label, period: FIVE_MINUTES, statistic: 'Sum' })),
      ),
      graph(
        'Duration p99 (ms)',
        perFunction((fn, label) => fn.metricDuration({ label, period: FIVE_MINUTES, statistic: 'p99' })),
      ),
      graph(
        'Concurrent executions',
        perFunction((fn, label) =>
          fn.metric('ConcurrentExecutions', { label, period: ONE_MINUTE, statistic: 'Maximum' }),
        ),
      ),
    );
  }

  private addEventRow(): void {
    const { rules } = this.props;
    this.dashboard.addWidgets(new cloudwatch.TextWidget({ markdown: '## Events', width: 24, height: 1 }));
    this.dashboard.addWidgets(
      graph(
        'Matched events',
        rules.map(({ name, rule }) => this.ruleMetric('MatchedEvents', rule).with({ label: name })),
        8,
      ),
      graph(
        'Failed invocations',
        rules.map(({ name, rule }) => this.ruleMetric('FailedInvocations', rule).with({ label: name })),
        8,
      ),
      graph(
        'Sent to target DLQ',
        rules.map(({ name, rule }) => this.ruleMetric('InvocationsSentToDlq', rule).with({ label: name })),
        8,
      ),
    );
  }

  private addBusinessRow(): void {
    const business = (metricName: string, dimension: string) =>
      new cloudwatch.MathExpression({
        label: metricName,
        expression: `SEARCH('{${this.props.metricsNamespace},service,${dimension}} MetricName="${metricName}"', 'Sum', 300)`,
        period: FIVE_MINUTES,
      });
    this.dashboard.addWidgets(new cloudwatch.TextWidget({ markdown: '## Business', width: 24, height: 1 }));
    this.dashboard.addWidgets(
      graph('Tasks accepted', [business('TasksAccepted', 'taskType')]),
      graph('Tasks succeeded', [business('TasksSucceeded', 'taskType')]),
      graph('Tasks failed', [business('TasksFailed', 'taskType')]),
      graph('Events published', [business('EventsPublished', 'eventType')]),
    );
  }
}

/** A graph widget of the dashboard: six units high, a quarter of the width unless told. */
const graph = (title: string, left: cloudwatch.IMetric[], width = 6): cloudwatch.GraphWidget =>
  new cloudwatch.GraphWidget({ title, left, width, height: 6 });

const pascal = (name: string): string =>
  name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('');
