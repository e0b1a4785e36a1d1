import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { PropertyReader } from './property-reader';
import type { StackResources } from './stack-resources';

/**
 * Creates the template's DynamoDB tables on the local DynamoDB (dynalite) when missing; tables a
 * previous run created are kept with their items. Encryption, backups, tags and the like have
 * no local effect. TTL is accepted but dynalite never expires items, which `notes` reports.
 */
export async function provisionTables(
  client: DynamoDBClient,
  stack: StackResources,
  note: (line: string) => void,
): Promise<void> {
  for (const resource of stack.list('table')) {
    const reader = new PropertyReader(resource.logicalId, resource.properties);
    reader.ignore(
      'TableName',
      'SSESpecification',
      'PointInTimeRecoverySpecification',
      'Tags',
      'DeletionProtectionEnabled',
      'ContributorInsightsSpecification',
      'TableClass',
      'KinesisStreamSpecification',
    );
    const ttl = reader.get('TimeToLiveSpecification') as
      | { Enabled?: unknown; AttributeName?: unknown }
      | undefined;
    const billingMode = reader.string('BillingMode') ?? 'PROVISIONED';
    const input: CreateTableCommandInput = {
      TableName: stack.physicalName(resource.logicalId),
      KeySchema: reader.get('KeySchema') as CreateTableCommandInput['KeySchema'],
      AttributeDefinitions: reader.get(
        'AttributeDefinitions',
      ) as CreateTableCommandInput['AttributeDefinitions'],
      BillingMode: billingMode as CreateTableCommandInput['BillingMode'],
      ProvisionedThroughput: (reader.get('ProvisionedThroughput') ??
        (billingMode === 'PROVISIONED' ? { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } : undefined)) as
        | CreateTableCommandInput['ProvisionedThroughput']
        | undefined,
      GlobalSecondaryIndexes: reader.get(
        'GlobalSecondaryIndexes',
      ) as CreateTableCommandInput['GlobalSecondaryIndexes'],
      LocalSecondaryIndexes: reader.get(
        'LocalSecondaryIndexes',
      ) as CreateTableCommandInput['LocalSecondaryIndexes'],
      StreamSpecification: reader.get(
        'StreamSpecification',
      ) as CreateTableCommandInput['StreamSpecification'],
    };
    reader.assertAllKnown('AWS::DynamoDB::Table');
    if (!Array.isArray(input.KeySchema) || !Array.isArray(input.AttributeDefinitions)) {
      reader.fail('a table needs KeySchema and AttributeDefinitions');
    }
    if (ttl?.Enabled === true || ttl?.Enabled === 'true') {
      note(
        `${input.TableName}: TTL on ${String(ttl.AttributeName)} is not applied locally (items never expire)`,
      );
    }
    if (await tableExists(client, input.TableName as string)) continue;
    await client.send(new CreateTableCommand(input));
  }
}

async function tableExists(client: DynamoDBClient, name: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: name }));
    return true;
  } catch (error) {
    if (
      error instanceof ResourceNotFoundException ||
      (error as { name?: string }).name === 'ResourceNotFoundException'
    ) {
      return false;
    }
    throw error;
  }
}
