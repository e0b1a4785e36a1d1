import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambdaEventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EnvNames } from '../../functions/shared/env-names';
import { MAX_SUBSCRIPTION_NAME_LENGTH, replayRuleNamePrefix } from '../replay-rules';
import { createDeadLetteredQueue } from './dead-lettered-queue';
import { grantTableItems } from './grant-table-items';
import { VISIBILITY_TIMEOUT_FACTOR } from './integration-checks';
import { PropProblems } from './prop-problems';
import { SwitchyardFunction } from './switchyard-function';

export interface SubscriptionProps {
  readonly bus: events.IEventBus;
  /** Kebab-case name, recorded in the flow timeline and used in resource names. */
  readonly subscriptionName: string;
  readonly description: string;
  /** Which events the subscription receives. */
  readonly eventPattern: events.EventPattern;
  /** Folder under `functions/` of the consumer's `handler.ts`. */
  readonly consumerEntryFolder: string;
  readonly flowTable: dynamodb.ITable;
  /**
   * Where the consumer remembers the events it applied. Omit it only for a consumer whose
   * handler is idempotent by itself (`handlerIsIdempotent`), which then gets no access to it.
   */
  readonly idempotencyTable?: dynamodb.ITable;
  readonly metricsNamespace: string;
  /** @default Duration.seconds(30) */
  readonly consumerTimeout?: Duration;
  /** Receives before a buffered event moves to the DLQ (1 to 1000). @default 5 */
  readonly maxReceiveCount?: number;
  /** Events per consumer invocation (1 to 10). @default 10 */
  readonly batchSize?: number;
  /** EventBridge delivery retries to the buffer queue (0 to 185). @default 185 */
  readonly deliveryRetryAttempts?: number;
  /** How long EventBridge keeps retrying a delivery (60 s to 24 h). @default Duration.hours(24) */
  readonly maxEventAge?: Duration;
}

/**
 * One event-driven consumer: rule -> encrypted, TLS-only buffer queue -> consumer Lambda with
 * partial batch responses. The rule's target retries with a policy and dead-letters into the
 * subscription's DLQ, which also takes the events the consumer keeps failing: one place per
 * subscription where every undelivered or unprocessed event ends up.
 */
export class Subscription extends Construct {
  readonly subscriptionName: string;
  readonly rule: events.Rule;
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly consumer: SwitchyardFunction;

  constructor(scope: Construct, id: string, props: SubscriptionProps) {
    super(scope, id);
    this.subscriptionName = props.subscriptionName;
    const consumerTimeout = props.consumerTimeout ?? Duration.seconds(30);
    const maxReceiveCount = props.maxReceiveCount ?? 5;
    validateProps({ ...props, maxReceiveCount });

    ({ queue: this.queue, deadLetterQueue: this.deadLetterQueue } = createDeadLetteredQueue(this, {
      visibilityTimeout: Duration.seconds(VISIBILITY_TIMEOUT_FACTOR * consumerTimeout.toSeconds()),
      maxReceiveCount,
    }));
    this.rule = new events.Rule(this, 'Rule', {
      eventBus: props.bus,
      description: props.description,
      eventPattern: props.eventPattern,
      targets: [
        new targets.SqsQueue(this.queue, {
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: props.deliveryRetryAttempts ?? 185,
          maxEventAge: props.maxEventAge ?? Duration.hours(24),
        }),
      ],
    });

    this.acceptReplayRules(props.bus, props.subscriptionName);

    this.consumer = new SwitchyardFunction(this, 'Consumer', {
      entryFolder: props.consumerEntryFolder,
      description: props.description,
      timeout: consumerTimeout,
      serviceName: props.subscriptionName,
      metricsNamespace: props.metricsNamespace,
      environment: {
        [EnvNames.subscriptionName]: props.subscriptionName,
        [EnvNames.flowTableName]: props.flowTable.tableName,
        ...(props.idempotencyTable && {
          [EnvNames.idempotencyTableName]: props.idempotencyTable.tableName,
        }),
      },
    });
    grantTableItems(props.flowTable, this.consumer, 'dynamodb:PutItem');
    if (props.idempotencyTable) {
      grantTableItems(
        props.idempotencyTable,
        this.consumer,
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
      );
    }
    this.consumer.addEventSource(
      new lambdaEventSources.SqsEventSource(this.queue, {
        batchSize: props.batchSize ?? 10,
        reportBatchItemFailures: true,
      }),
    );
  }

  /**
   * Lets the operator CLI's temporary replay rules for this subscription (see
   * `replayRuleNamePrefix`; on this subscription's bus only) deliver into the buffer queue and
   * dead-letter into the DLQ, as the subscription's own rule does: a pattern-filtered replay
   * needs rules of its own. Whoever may create such rules can send to these queues.
   */
  private acceptReplayRules(bus: events.IEventBus, subscriptionName: string): void {
    const replayRules = Stack.of(this).formatArn({
      service: 'events',
      resource: 'rule',
      resourceName: `${bus.eventBusName}/${replayRuleNamePrefix(subscriptionName)}*`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    for (const queue of [this.queue, this.deadLetterQueue]) {
      queue.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'AllowOperatorReplayRules',
          principals: [new iam.ServicePrincipal('events.amazonaws.com')],
          actions: ['sqs:SendMessage'],
          resources: [queue.queueArn],
          conditions: { ArnLike: { 'aws:SourceArn': replayRules } },
        }),
      );
    }
  }
}

const validateProps = (props: SubscriptionProps & { maxReceiveCount: number }): void => {
  const problems = new PropProblems('Subscription');
  const maxLength = MAX_SUBSCRIPTION_NAME_LENGTH;
  if (!new RegExp(`^[a-z][a-z0-9-]{0,${maxLength - 1}}$`).test(props.subscriptionName)) {
    problems.add(
      `subscriptionName must be kebab-case, 1 to ${maxLength} characters, so replay rule names can carry it (given ${props.subscriptionName})`,
    );
  }
  problems.integerInRange('maxReceiveCount', props.maxReceiveCount, 1, 1000);
  problems.integerInRange('batchSize', props.batchSize, 1, 10);
  problems.integerInRange('deliveryRetryAttempts', props.deliveryRetryAttempts, 0, 185);
  if (props.maxEventAge && (props.maxEventAge.toSeconds() < 60 || props.maxEventAge.toSeconds() > 86_400)) {
    problems.add(`maxEventAge must be from 60 s to 24 h (given ${props.maxEventAge.toSeconds()} s)`);
  }
  problems.throwIfAny();
};
