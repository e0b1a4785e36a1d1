import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DynamoDBClient,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { TableDesign } from '../../../functions/shared/table-design';
import { LOCAL_CREDENTIALS, type RunningServices, startServices } from '../../../local';
// The environment the stack gives the functions (table names, queue URL, settings): the same
// fixed values as the unit tests', with DynamoDB pointed at the local cloud below.
import '../../unit/setup-env';

export interface StateTableNames {
  readonly task: string;
  readonly flow: string;
  readonly idempotency: string;
}

/**
 * Creates the task, flow and idempotency tables with the key schema and indexes the stack gives
 * them (infra/constructs/state-tables.ts). TTL is left out: DynamoDB deletes expired items
 * only eventually, and the code under test never relies on it (Powertools checks expiry itself).
 */
export const createStateTables = async (client: DynamoDBClient, names: StateTableNames): Promise<void> => {
  const tables: CreateTableCommandInput[] = [
    {
      TableName: names.task,
      AttributeDefinitions: [
        { AttributeName: TableDesign.taskKey, AttributeType: 'S' },
        { AttributeName: 'correlationId', AttributeType: 'S' },
        { AttributeName: 'createdAt', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: TableDesign.taskKey, KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: TableDesign.tasksByCorrelationIndex,
          KeySchema: [
            { AttributeName: 'correlationId', KeyType: 'HASH' },
            { AttributeName: 'createdAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    },
    {
      TableName: names.idempotency,
      // The attribute names Powertools idempotency uses by default.
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    },
    {
      TableName: names.flow,
      AttributeDefinitions: [
        { AttributeName: TableDesign.flowPartitionKey, AttributeType: 'S' },
        { AttributeName: TableDesign.flowSortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: TableDesign.flowPartitionKey, KeyType: 'HASH' },
        { AttributeName: TableDesign.flowSortKey, KeyType: 'RANGE' },
      ],
    },
  ];
  for (const table of tables) {
    await client.send(new CreateTableCommand({ ...table, BillingMode: 'PAY_PER_REQUEST' }));
  }
  // dynalite answers "not found" for a table until it turns ACTIVE, which a loaded machine delays.
  for (const table of tables) {
    await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: table.TableName });
  }
};

/** The key attributes of each state table, for deleting its items. */
const keyAttributes = (names: StateTableNames): Record<string, readonly string[]> => ({
  [names.task]: [TableDesign.taskKey],
  [names.idempotency]: ['id'],
  [names.flow]: [TableDesign.flowPartitionKey, TableDesign.flowSortKey],
});

export interface LocalStateTables {
  readonly names: StateTableNames;
  readonly services: RunningServices;
  /** A document client of the test's own, to seed and read items. */
  readonly documents: DynamoDBDocumentClient;
  /** Every item of `table`, in scan order. */
  items(table: string): Promise<Record<string, unknown>[]>;
  /** Deletes every item of the state tables, so a test starts from empty tables. */
  clear(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the local cloud (dynalite behind the local endpoint) on an ephemeral port with a
 * temporary data directory, creates the state tables under the names the functions' environment
 * gives, and points the functions' DynamoDB clients at it through `AWS_ENDPOINT_URL_DYNAMODB`.
 * Call it before the function modules are loaded: they create their clients at module scope.
 */
export const startStateTables = async (label: string): Promise<LocalStateTables> => {
  const dataDir = mkdtempSync(join(tmpdir(), `switchyard-${label}-`));
  const services = await startServices({ port: 0, dataDir });
  Object.assign(process.env, {
    // As the local cloud runs functions: straight to dynalite, one HTTP hop instead of two.
    AWS_ENDPOINT_URL_DYNAMODB: services.dynamoDbUrl ?? services.url,
    AWS_REGION: services.region,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  });
  const names: StateTableNames = {
    task: process.env.TASK_TABLE_NAME ?? 'tasks',
    flow: process.env.FLOW_TABLE_NAME ?? 'flows',
    idempotency: process.env.IDEMPOTENCY_TABLE_NAME ?? 'idempotency',
  };
  const client = new DynamoDBClient({
    endpoint: services.url,
    region: services.region,
    credentials: { ...LOCAL_CREDENTIALS },
  });
  await createStateTables(client, names);
  const documents = DynamoDBDocumentClient.from(client);
  const items = async (table: string): Promise<Record<string, unknown>[]> => {
    const found: Record<string, unknown>[] = [];
    for await (const page of paginateScan({ client: documents }, { TableName: table })) {
      found.push(...((page.Items as Record<string, unknown>[] | undefined) ?? []));
    }
    return found;
  };
  const keys = keyAttributes(names);
  return {
    names,
    services,
    documents,
    items,
    clear: async () => {
      for (const [table, attributes] of Object.entries(keys)) {
        const all = await items(table);
        for (let start = 0; start < all.length; start += 25) {
          const deletes = all.slice(start, start + 25).map((item) => ({
            DeleteRequest: { Key: Object.fromEntries(attributes.map((name) => [name, item[name]])) },
          }));
          await documents.send(new BatchWriteCommand({ RequestItems: { [table]: deletes } }));
        }
      }
    },
    stop: async () => {
      documents.destroy();
      await services.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
