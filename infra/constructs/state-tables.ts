import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export interface TaskTablesProps {
  /**
   * What happens to the task statuses when the stack is deleted.
   * @default RemovalPolicy.RETAIN - status records are the system of record for clients.
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The task status table (one record per task) and the idempotency table ingest keeps request
 * keys in. Both on demand, encrypted with a KMS key, with point-in-time recovery; idempotency
 * records expire through TTL.
 */
export class TaskTables extends Construct {
  readonly statusTable: dynamodb.Table;
  readonly idempotencyTable: dynamodb.Table;

  constructor(scope: Construct, id: string, props: TaskTablesProps = {}) {
    super(scope, id);
    const common = {
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    } as const;
    this.statusTable = new dynamodb.Table(this, 'StatusTable', {
      ...common,
      partitionKey: { name: 'taskId', type: dynamodb.AttributeType.STRING },
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.idempotencyTable = new dynamodb.Table(this, 'IdempotencyTable', {
      ...common,
      // The attribute names Powertools idempotency uses by default.
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: 'expiration',
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}
