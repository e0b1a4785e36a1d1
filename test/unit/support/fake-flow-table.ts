import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsStub } from 'aws-sdk-client-mock';

type Item = Record<string, unknown> & { correlationId: string; sk: string };

/**
 * An in-memory flow table behind a mocked document client: conditional puts keyed by
 * correlation id and sort key, and queries by correlation id (in sort key order, like DynamoDB).
 */
export const fakeFlowTable = (
  // biome-ignore lint/suspicious/noExplicitAny: aws-sdk-client-mock's stub type is generic over every command.
  mock: AwsStub<any, any, any>,
): Map<string, Item> => {
  const items = new Map<string, Item>();
  mock.on(PutCommand).callsFake((input: { Item: Item; ConditionExpression?: string }) => {
    const key = `${input.Item.correlationId}|${input.Item.sk}`;
    if (input.ConditionExpression?.includes('attribute_not_exists') && items.has(key)) {
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    }
    items.set(key, { ...input.Item });
    return {};
  });
  mock.on(QueryCommand).callsFake((input: { ExpressionAttributeValues: Record<string, unknown> }) => ({
    Items: [...items.values()]
      .filter((item) => item.correlationId === input.ExpressionAttributeValues[':pk'])
      .sort((a, b) => a.sk.localeCompare(b.sk)),
  }));
  return items;
};
