import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { AwsStub } from 'aws-sdk-client-mock';

type Item = Record<string, AttributeValue>;

/**
 * An in-memory table behind a mocked DynamoDBClient that honours what the idempotency layer
 * relies on: a conditional put that fails (returning the old item) while a live record
 * exists, updates, reads and deletes. It keeps tests on the real idempotency code path.
 */
export const fakeIdempotencyTable = (
  // biome-ignore lint/suspicious/noExplicitAny: aws-sdk-client-mock's stub type is generic over every command.
  mock: AwsStub<any, any, DynamoDBClient['config']>,
): Map<string, Item> => {
  const items = new Map<string, Item>();
  const keyOf = (key: Item | undefined) => key?.id?.S ?? '';
  mock.on(PutItemCommand).callsFake((input: { Item: Item }) => {
    const id = keyOf(input.Item);
    const existing = items.get(id);
    const nowMs = Date.now();
    const live =
      existing &&
      Number(existing.expiration?.N ?? 0) >= nowMs / 1000 &&
      !(
        existing.status?.S === 'INPROGRESS' && Number(existing.in_progress_expiration?.N ?? Infinity) < nowMs
      );
    if (live) {
      throw new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: {},
        Item: existing,
      });
    }
    items.set(id, input.Item);
    return {};
  });
  mock.on(GetItemCommand).callsFake((input: { Key: Item }) => ({ Item: items.get(keyOf(input.Key)) }));
  mock.on(DeleteItemCommand).callsFake((input: { Key: Item }) => {
    items.delete(keyOf(input.Key));
    return {};
  });
  mock
    .on(UpdateItemCommand)
    .callsFake(
      (input: {
        Key: Item;
        UpdateExpression: string;
        ExpressionAttributeNames: Record<string, string>;
        ExpressionAttributeValues: Item;
      }) => {
        const item = { ...(items.get(keyOf(input.Key)) ?? input.Key) };
        for (const assignment of input.UpdateExpression.replace(/^SET /, '').split(',')) {
          const [name, value] = assignment.split('=').map((part) => part.trim());
          const attribute = input.ExpressionAttributeNames[name ?? ''];
          const attributeValue = input.ExpressionAttributeValues[value ?? ''];
          if (attribute && attributeValue) item[attribute] = attributeValue;
        }
        items.set(keyOf(input.Key), item);
        return {};
      },
    );
  return items;
};
