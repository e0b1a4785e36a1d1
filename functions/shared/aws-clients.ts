import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * DynamoDB clients, created once per container and reused across invocations. The endpoint
 * comes from the standard `AWS_ENDPOINT_URL*` variables, so the local cloud needs no code change.
 * Each service's client has a module of its own (`sqs-client.ts`): a client created at module
 * scope is bundled, and constructed at every cold start, by every function that imports it.
 */
export const dynamoDbClient = new DynamoDBClient({});
export const documentClient = DynamoDBDocumentClient.from(dynamoDbClient, {
  marshallOptions: { removeUndefinedValues: true },
});
