import { CfnOutput, type Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EnvNames } from '../functions/shared/env-names';
import { submitTaskBodySchema } from '../functions/task-types';
import { IngestApi, type IngestApiProps } from './constructs/ingest-api';
import { IntegrationChecks } from './constructs/integration-checks';
import { SwitchyardFunction } from './constructs/switchyard-function';
import { TaskChannel } from './constructs/task-channel';
import { TaskTables } from './constructs/task-tables';

export interface SwitchyardStackProps extends StackProps {
  /** Hosts the `webhook` task type may call (`host`, `host:port`, `*.domain`). @default - none */
  readonly webhookAllowedHosts?: readonly string[];
  /** Task worker time limit. @default Duration.seconds(30) */
  readonly workerTimeout?: Duration;
  /** API stage, throttling, CORS and log settings. @default - IngestApi's defaults */
  readonly api?: IngestApiProps;
  /** CloudWatch namespace for business metrics. @default 'Switchyard' */
  readonly metricsNamespace?: string;
}

/** The whole Switchyard backbone. It only composes constructs; each holds one concern. */
export class SwitchyardStack extends Stack {
  readonly ingestApi: IngestApi;
  readonly taskChannel: TaskChannel;
  readonly tables: TaskTables;

  constructor(scope: Construct, id: string, props: SwitchyardStackProps = {}) {
    super(scope, id, props);
    const metricsNamespace = props.metricsNamespace ?? 'Switchyard';
    const functionDefaults = { metricsNamespace };

    this.tables = new TaskTables(this, 'Tasks');
    this.taskChannel = new TaskChannel(this, 'TaskChannel', {
      ...functionDefaults,
      serviceName: 'task-worker',
      statusTable: this.tables.statusTable,
      workerTimeout: props.workerTimeout,
      webhookAllowedHosts: props.webhookAllowedHosts,
    });
    this.ingestApi = new IngestApi(this, 'IngestApi', props.api);

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
        [EnvNames.taskTableName]: this.tables.statusTable.tableName,
        [EnvNames.idempotencyTableName]: this.tables.idempotencyTable.tableName,
        [EnvNames.taskQueueUrl]: this.taskChannel.queue.queueUrl,
        [EnvNames.webhookAllowedHosts]: (props.webhookAllowedHosts ?? []).join(','),
      },
    });
    this.tables.statusTable.grant(submitTask, 'dynamodb:PutItem', 'dynamodb:DeleteItem');
    this.tables.idempotencyTable.grant(
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
      environment: { [EnvNames.taskTableName]: this.tables.statusTable.tableName },
    });
    this.tables.statusTable.grant(getTask, 'dynamodb:GetItem');

    this.ingestApi.addRoute({ method: 'GET', path: '/api/data', handler: hello, authorization: 'NONE' });
    this.ingestApi.addRoute({
      method: 'POST',
      path: '/tasks',
      handler: submitTask,
      requestBody: { name: 'SubmitTask', schema: submitTaskBodySchema },
    });
    this.ingestApi.addRoute({ method: 'GET', path: '/tasks/{taskId}', handler: getTask });

    this.node.addValidation(new IntegrationChecks(this));

    new CfnOutput(this, 'ApiUrl', {
      value: this.ingestApi.url,
      description: 'Base URL of the REST API stage',
    });
    new CfnOutput(this, 'TaskQueueUrl', { value: this.taskChannel.queue.queueUrl });
    new CfnOutput(this, 'TaskDeadLetterQueueUrl', { value: this.taskChannel.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'TaskTableName', { value: this.tables.statusTable.tableName });
  }
}
