import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { API_ROUTES, type ApiRoute } from '../functions/api-contract/routes';
import { EnvNames } from '../functions/shared/env-names';
import { EventChannel } from './constructs/event-channel';
import { grantTableItems } from './constructs/grant-table-items';
import { IngestApi, type IngestApiProps } from './constructs/ingest-api';
import { IntegrationChecks } from './constructs/integration-checks';
import { Observability } from './constructs/observability';
import { StateTables } from './constructs/state-tables';
import { Subscription } from './constructs/subscription';
import { SwitchyardFunction } from './constructs/switchyard-function';
import { TaskChannel } from './constructs/task-channel';

export interface SwitchyardStackProps extends StackProps {
  /** Hosts the `webhook` task type may call (`host`, `host:port`, `*.domain`). @default - none */
  readonly webhookAllowedHosts?: readonly string[];
  /** Task worker time limit. @default Duration.seconds(30) */
  readonly workerTimeout?: Duration;
  /** How long archived events stay replayable. @default Duration.days(90) */
  readonly archiveRetention?: Duration;
  /** API stage, throttling, CORS and log settings. @default - IngestApi's defaults */
  readonly api?: IngestApiProps;
  /** CloudWatch namespace for business metrics. @default 'Switchyard' */
  readonly metricsNamespace?: string;
  /** Email addresses subscribed to the alarm topic. @default - none */
  readonly alarmEmails?: readonly string[];
  /** Alarm when the oldest queued task is older than this. @default Duration.minutes(15) */
  readonly maxTaskAge?: Duration;
}

/** The amount from which an order counts as high-value (content-based routing). */
export const HIGH_VALUE_ORDER_AMOUNT = 1000;

/** The whole Switchyard backbone. It only composes constructs; each holds one concern. */
export class SwitchyardStack extends Stack {
  readonly ingestApi: IngestApi;
  readonly taskChannel: TaskChannel;
  readonly eventChannel: EventChannel;
  readonly tables: StateTables;
  readonly subscriptions: readonly Subscription[];
  readonly observability: Observability;

  constructor(scope: Construct, id: string, props: SwitchyardStackProps = {}) {
    super(scope, id, props);
    const metricsNamespace = props.metricsNamespace ?? 'Switchyard';

    this.tables = new StateTables(this, 'State');
    const { statusTable, idempotencyTable, flowTable } = this.tables;
    this.eventChannel = new EventChannel(this, 'EventChannel', { archiveRetention: props.archiveRetention });
    const { bus } = this.eventChannel;

    this.taskChannel = new TaskChannel(this, 'TaskChannel', {
      metricsNamespace,
      serviceName: 'task-worker',
      statusTable,
      workerTimeout: props.workerTimeout,
      webhookAllowedHosts: props.webhookAllowedHosts,
    });
    this.taskChannel.worker.addEnvironment(EnvNames.eventBusName, bus.eventBusName);
    bus.grantPutEventsTo(this.taskChannel.worker);

    const subscriptionDefaults = { bus, flowTable, idempotencyTable, metricsNamespace };
    this.subscriptions = [
      new Subscription(this, 'FlowRecorder', {
        ...subscriptionDefaults,
        subscriptionName: 'flow-recorder',
        description: 'Wire tap: records every event on the bus in the flow timeline',
        eventPattern: { account: [this.account] },
        consumerEntryFolder: 'flow-recorder',
      }),
      new Subscription(this, 'HighValueOrders', {
        ...subscriptionDefaults,
        subscriptionName: 'high-value-orders',
        description: `Content-based router: order.placed with amount >= ${HIGH_VALUE_ORDER_AMOUNT}`,
        eventPattern: {
          detailType: ['order.placed'],
          detail: { data: { amount: [{ numeric: ['>=', HIGH_VALUE_ORDER_AMOUNT] }] } },
        },
        consumerEntryFolder: 'high-value-orders',
      }),
      new Subscription(this, 'TaskFailures', {
        ...subscriptionDefaults,
        subscriptionName: 'task-failures',
        description: 'Message filter: task.failed only, raised as alerts',
        eventPattern: { source: ['switchyard.tasks'], detailType: ['task.failed'] },
        consumerEntryFolder: 'task-failures',
      }),
    ];

    this.ingestApi = new IngestApi(this, 'IngestApi', props.api);
    const functionDefaults = { metricsNamespace };
    const hello = new SwitchyardFunction(this, 'Hello', {
      ...functionDefaults,
      entryFolder: 'hello',
      serviceName: 'hello',
      description: 'Liveness: answers a constant greeting',
    });
    const submitTask = new SwitchyardFunction(this, 'SubmitTask', {
      ...functionDefaults,
      entryFolder: 'submit-task',
      serviceName: 'submit-task',
      description: 'Validates, records and enqueues a task (202 Accepted)',
      environment: {
        [EnvNames.taskTableName]: statusTable.tableName,
        [EnvNames.idempotencyTableName]: idempotencyTable.tableName,
        [EnvNames.taskQueueUrl]: this.taskChannel.queue.queueUrl,
        [EnvNames.webhookAllowedHosts]: (props.webhookAllowedHosts ?? []).join(','),
      },
    });
    grantTableItems(statusTable, submitTask, 'dynamodb:PutItem', 'dynamodb:DeleteItem');
    grantTableItems(
      idempotencyTable,
      submitTask,
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    );
    this.taskChannel.queue.grantSendMessages(submitTask);
    const getTask = new SwitchyardFunction(this, 'GetTask', {
      ...functionDefaults,
      entryFolder: 'get-task',
      serviceName: 'get-task',
      description: 'Answers the status of one task',
      environment: { [EnvNames.taskTableName]: statusTable.tableName },
    });
    grantTableItems(statusTable, getTask, 'dynamodb:GetItem');
    const publishEvents = new SwitchyardFunction(this, 'PublishEvents', {
      ...functionDefaults,
      entryFolder: 'publish-events',
      serviceName: 'publish-events',
      description: 'Validates events and publishes them to the bus',
      environment: { [EnvNames.eventBusName]: bus.eventBusName },
    });
    bus.grantPutEventsTo(publishEvents);
    const getFlow = new SwitchyardFunction(this, 'GetFlow', {
      ...functionDefaults,
      entryFolder: 'get-flow',
      serviceName: 'get-flow',
      description: 'Answers the timeline of one flow by correlation id',
      environment: {
        [EnvNames.taskTableName]: statusTable.tableName,
        [EnvNames.flowTableName]: flowTable.tableName,
      },
    });
    this.tables.grantQueryTasksByCorrelation(getFlow);
    grantTableItems(flowTable, getFlow, 'dynamodb:Query');

    // The routes, their authorization and request models come from the API contract, which the
    // OpenAPI document (npm run openapi) is generated from too.
    const handlers: Record<ApiRoute['operationId'], lambda.IFunction> = {
      getLiveness: hello,
      submitTask,
      getTask,
      publishEvents,
      getFlow,
    };
    for (const route of API_ROUTES) {
      this.ingestApi.addRoute({
        method: route.method,
        path: route.path,
        handler: handlers[route.operationId],
        authorization: route.authorization === 'NONE' ? 'NONE' : 'IAM',
        ...(route.requestBody !== undefined && { requestBody: route.requestBody }),
      });
    }

    this.observability = new Observability(this, 'Observability', {
      api: this.ingestApi.api,
      bus,
      metricsNamespace,
      alarmEmails: props.alarmEmails,
      channels: [
        {
          name: 'tasks',
          queue: this.taskChannel.queue,
          deadLetterQueue: this.taskChannel.deadLetterQueue,
          maxMessageAge: props.maxTaskAge ?? Duration.minutes(15),
        },
        ...this.subscriptions.map((subscription) => ({
          name: subscription.subscriptionName,
          queue: subscription.queue,
          deadLetterQueue: subscription.deadLetterQueue,
        })),
      ],
      functions: [
        { name: 'hello', function: hello },
        { name: 'submit-task', function: submitTask },
        { name: 'get-task', function: getTask },
        { name: 'task-worker', function: this.taskChannel.worker },
        { name: 'publish-events', function: publishEvents },
        { name: 'get-flow', function: getFlow },
        ...this.subscriptions.map((subscription) => ({
          name: subscription.subscriptionName,
          function: subscription.consumer,
        })),
      ],
      rules: this.subscriptions.map((subscription) => ({
        name: subscription.subscriptionName,
        rule: subscription.rule,
      })),
    });

    this.node.addValidation(new IntegrationChecks(this));

    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output('ApiUrl', this.ingestApi.url, 'Base URL of the REST API stage');
    output('TaskQueueUrl', this.taskChannel.queue.queueUrl, 'Task channel queue');
    output('TaskDeadLetterQueueUrl', this.taskChannel.deadLetterQueue.queueUrl, 'Task channel DLQ');
    output('TaskTableName', statusTable.tableName, 'Task status records');
    output('FlowTableName', flowTable.tableName, 'Flow timeline');
    output('EventBusName', bus.eventBusName, 'Custom event bus');
    output('EventArchiveName', this.eventChannel.archive.archiveName, 'Archive of every event, for replay');
    output('AlarmTopicArn', this.observability.alarmTopic.topicArn, 'Where every alarm is sent');
    output('DashboardName', this.observability.dashboard.dashboardName, 'Operations dashboard');
    for (const subscription of this.subscriptions) {
      const id = subscription.node.id;
      output(`${id}QueueUrl`, subscription.queue.queueUrl, `${subscription.subscriptionName} buffer queue`);
      output(
        `${id}DeadLetterQueueUrl`,
        subscription.deadLetterQueue.queueUrl,
        `${subscription.subscriptionName} DLQ`,
      );
    }
  }
}
