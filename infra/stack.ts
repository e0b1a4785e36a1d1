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

/** The function behind each route of the API contract. */
type ApiHandlers = Record<ApiRoute['operationId'], lambda.IFunction>;

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
    this.eventChannel = new EventChannel(this, 'EventChannel', { archiveRetention: props.archiveRetention });
    this.taskChannel = this.addTaskChannel(props, metricsNamespace);
    this.subscriptions = this.addSubscriptions(metricsNamespace);
    this.ingestApi = new IngestApi(this, 'IngestApi', props.api);
    const handlers = this.addApiFunctions(props, metricsNamespace);
    this.addRoutes(handlers);
    this.observability = this.addObservability(props, metricsNamespace, handlers);
    this.node.addValidation(new IntegrationChecks(this));
    this.addOutputs();
  }

  /** The task queue, its DLQ and the worker, which publishes each outcome to the bus. */
  private addTaskChannel(props: SwitchyardStackProps, metricsNamespace: string): TaskChannel {
    const channel = new TaskChannel(this, 'TaskChannel', {
      metricsNamespace,
      serviceName: 'task-worker',
      statusTable: this.tables.statusTable,
      workerTimeout: props.workerTimeout,
      webhookAllowedHosts: props.webhookAllowedHosts,
    });
    channel.worker.addEnvironment(EnvNames.eventBusName, this.eventChannel.bus.eventBusName);
    this.eventChannel.bus.grantPutEventsTo(channel.worker);
    return channel;
  }

  /** The bus's subscriptions: a wire tap, a content-based router and a message filter. */
  private addSubscriptions(metricsNamespace: string): Subscription[] {
    const { flowTable, idempotencyTable } = this.tables;
    const subscriptionDefaults = { bus: this.eventChannel.bus, flowTable, metricsNamespace };
    return [
      new Subscription(this, 'FlowRecorder', {
        // No idempotency table: its write is conditional on the event id, so a repeat changes nothing.
        ...subscriptionDefaults,
        subscriptionName: 'flow-recorder',
        description: 'Wire tap: records every event on the bus in the flow timeline',
        eventPattern: { account: [this.account] },
        consumerEntryFolder: 'flow-recorder',
      }),
      new Subscription(this, 'HighValueOrders', {
        ...subscriptionDefaults,
        idempotencyTable,
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
        idempotencyTable,
        subscriptionName: 'task-failures',
        description: 'Message filter: task.failed only, raised as alerts',
        eventPattern: { source: ['switchyard.tasks'], detailType: ['task.failed'] },
        consumerEntryFolder: 'task-failures',
      }),
    ];
  }

  /** The functions behind the HTTP routes, each granted exactly what it calls. */
  private addApiFunctions(props: SwitchyardStackProps, metricsNamespace: string): ApiHandlers {
    const { statusTable, idempotencyTable, flowTable } = this.tables;
    const { bus } = this.eventChannel;
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
    return { getLiveness: hello, submitTask, getTask, publishEvents, getFlow };
  }

  /**
   * The routes, their authorization and request models, from the API contract, which the
   * OpenAPI document (npm run openapi) is generated from too.
   */
  private addRoutes(handlers: ApiHandlers): void {
    for (const route of API_ROUTES) {
      this.ingestApi.addRoute({
        method: route.method,
        path: route.path,
        handler: handlers[route.operationId],
        authorization: route.authorization === 'NONE' ? 'NONE' : 'IAM',
        ...(route.requestBody !== undefined && { requestBody: route.requestBody }),
      });
    }
  }

  /** The dashboard and alarms over every channel, function and rule. */
  private addObservability(
    props: SwitchyardStackProps,
    metricsNamespace: string,
    handlers: ApiHandlers,
  ): Observability {
    return new Observability(this, 'Observability', {
      api: this.ingestApi.api,
      bus: this.eventChannel.bus,
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
        { name: 'hello', function: handlers.getLiveness },
        { name: 'submit-task', function: handlers.submitTask },
        { name: 'get-task', function: handlers.getTask },
        { name: 'task-worker', function: this.taskChannel.worker },
        { name: 'publish-events', function: handlers.publishEvents },
        { name: 'get-flow', function: handlers.getFlow },
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
  }

  /** What operators and tools read from the deployed stack. */
  private addOutputs(): void {
    const { statusTable, flowTable } = this.tables;
    const { bus } = this.eventChannel;
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
