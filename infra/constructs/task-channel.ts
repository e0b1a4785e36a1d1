import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambdaEventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EnvNames } from '../../functions/shared/env-names';
import { createDeadLetteredQueue } from './dead-lettered-queue';
import { grantTableItems } from './grant-table-items';
import { VISIBILITY_TIMEOUT_FACTOR } from './integration-checks';
import { PropProblems } from './prop-problems';
import { SwitchyardFunction } from './switchyard-function';

export interface TaskChannelProps {
  /** The status table the worker moves tasks through. */
  readonly statusTable: dynamodb.ITable;
  /** Powertools service name and metrics namespace for the worker. */
  readonly serviceName: string;
  readonly metricsNamespace: string;
  /** @default Duration.seconds(30) */
  readonly workerTimeout?: Duration;
  /** @default 6 x workerTimeout, the least AWS advises for a Lambda-consumed queue */
  readonly visibilityTimeout?: Duration;
  /** Receives before a message moves to the DLQ (1 to 1000). @default 5 */
  readonly maxReceiveCount?: number;
  /** Messages per worker invocation (1 to 10). @default 10 */
  readonly batchSize?: number;
  /** How long to gather a batch before invoking the worker. @default - no batching window */
  readonly maxBatchingWindow?: Duration;
  /** Concurrent worker invocations (2 to 1000). @default 10 */
  readonly maxConcurrency?: number;
  /** How long an unprocessed task may wait (60 s to 14 days). @default Duration.days(4) */
  readonly retentionPeriod?: Duration;
  /** Hosts the `webhook` task type may call (`host`, `host:port`, `*.domain`). @default - none */
  readonly webhookAllowedHosts?: readonly string[];
  /** One webhook attempt's time limit; must be under the worker timeout. @default Duration.seconds(10) */
  readonly webhookTimeout?: Duration;
}

/**
 * The point-to-point task channel: encrypted, TLS-only queue with a dead-letter queue and the
 * worker consuming it with partial batch responses. Its alarms live in `Observability`.
 */
export class TaskChannel extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly worker: SwitchyardFunction;
  readonly maxReceiveCount: number;

  constructor(scope: Construct, id: string, props: TaskChannelProps) {
    super(scope, id);
    const workerTimeout = props.workerTimeout ?? Duration.seconds(30);
    const visibilityTimeout =
      props.visibilityTimeout ?? Duration.seconds(VISIBILITY_TIMEOUT_FACTOR * workerTimeout.toSeconds());
    const webhookTimeout = props.webhookTimeout ?? Duration.seconds(10);
    this.maxReceiveCount = props.maxReceiveCount ?? 5;
    validateProps({ ...props, workerTimeout, webhookTimeout, maxReceiveCount: this.maxReceiveCount });

    ({ queue: this.queue, deadLetterQueue: this.deadLetterQueue } = createDeadLetteredQueue(this, {
      visibilityTimeout,
      maxReceiveCount: this.maxReceiveCount,
      retentionPeriod: props.retentionPeriod ?? Duration.days(4),
    }));

    this.worker = new SwitchyardFunction(this, 'Worker', {
      entryFolder: 'task-worker',
      description: 'Runs queued tasks and records their outcome',
      timeout: workerTimeout,
      serviceName: props.serviceName,
      metricsNamespace: props.metricsNamespace,
      environment: {
        [EnvNames.taskTableName]: props.statusTable.tableName,
        [EnvNames.taskMaxReceiveCount]: String(this.maxReceiveCount),
        [EnvNames.webhookAllowedHosts]: (props.webhookAllowedHosts ?? []).join(','),
        [EnvNames.webhookTimeoutMs]: String(webhookTimeout.toMilliseconds()),
      },
    });
    grantTableItems(props.statusTable, this.worker, 'dynamodb:GetItem', 'dynamodb:UpdateItem');
    this.worker.addEventSource(
      new lambdaEventSources.SqsEventSource(this.queue, {
        batchSize: props.batchSize ?? 10,
        maxBatchingWindow: props.maxBatchingWindow,
        maxConcurrency: props.maxConcurrency ?? 10,
        reportBatchItemFailures: true,
      }),
    );
  }
}

const validateProps = (props: {
  readonly maxReceiveCount: number;
  readonly batchSize?: number;
  readonly maxConcurrency?: number;
  readonly workerTimeout: Duration;
  readonly webhookTimeout: Duration;
  readonly webhookAllowedHosts?: readonly string[];
}): void => {
  const problems = new PropProblems('TaskChannel');
  problems.integerInRange('maxReceiveCount', props.maxReceiveCount, 1, 1000);
  problems.integerInRange('batchSize', props.batchSize, 1, 10);
  problems.integerInRange('maxConcurrency', props.maxConcurrency, 2, 1000);
  if (props.webhookTimeout.toMilliseconds() >= props.workerTimeout.toMilliseconds()) {
    problems.add(
      `webhookTimeout must be shorter than workerTimeout (given ${props.webhookTimeout.toSeconds()} s and ${props.workerTimeout.toSeconds()} s)`,
    );
  }
  for (const host of props.webhookAllowedHosts ?? []) {
    if (!/^(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i.test(host) && !/^\[[0-9a-f:]+\](:\d{1,5})?$/i.test(host)) {
      problems.add(`webhookAllowedHosts entries must be host, host:port or *.domain (given ${host})`);
    }
  }
  problems.throwIfAny();
};
