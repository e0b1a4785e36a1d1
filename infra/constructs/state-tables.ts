import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { TableDesign } from '../../functions/shared/table-design';

export interface StateTablesProps {
  /**
   * What happens to task statuses and flows when the stack is deleted.
   * @default RemovalPolicy.RETAIN - they are the system of record clients and operators read.
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The tables that hold Switchyard's state: task statuses (with an index by correlation id for
 * the flow timeline), the idempotency keys of ingest and consumers, and the flow timeline.
 * All on demand, encrypted with a KMS key, with point-in-time recovery; idempotency keys and
 * flow items expire through TTL.
 */
export class StateTables extends Construct {
  readonly statusTable: dynamodb.Table;
  readonly idempotencyTable: dynamodb.Table;
  readonly flowTable: dynamodb.Table;

  constructor(scope: Construct, id: string, props: StateTablesProps = {}) {
    super(scope, id);
    const common = {
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    } as const;
    const retained = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.statusTable = new dynamodb.Table(this, 'StatusTable', {
      ...common,
      partitionKey: { name: TableDesign.taskKey, type: dynamodb.AttributeType.STRING },
      removalPolicy: retained,
    });
    this.statusTable.addGlobalSecondaryIndex({
      indexName: TableDesign.tasksByCorrelationIndex,
      partitionKey: { name: 'correlationId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'createdAt', type: dynamodb.AttributeType.STRING },
    });
    this.idempotencyTable = new dynamodb.Table(this, 'IdempotencyTable', {
      ...common,
      // The attribute names Powertools idempotency uses by default.
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: 'expiration',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.flowTable = new dynamodb.Table(this, 'FlowTable', {
      ...common,
      partitionKey: { name: TableDesign.flowPartitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TableDesign.flowSortKey, type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: TableDesign.flowExpiryAttribute,
      removalPolicy: retained,
    });
  }

  /** Lets `grantee` query the tasks of a flow through the correlation-id index, nothing else. */
  grantQueryTasksByCorrelation(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['dynamodb:Query'],
      resourceArns: [`${this.statusTable.tableArn}/index/${TableDesign.tasksByCorrelationIndex}`],
    });
  }
}
