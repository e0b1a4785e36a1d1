import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tracer } from './observability';

/**
 * SDK clients created once per container and reused across invocations. The endpoint comes
 * from the standard `AWS_ENDPOINT_URL*` variables, so the local cloud needs no code change.
 */
export const dynamoDbClient = tracer.captureAWSv3Client(new DynamoDBClient({}));
export const documentClient = DynamoDBDocumentClient.from(dynamoDbClient, {
  marshallOptions: { removeUndefinedValues: true },
});
export const sqsClient = tracer.captureAWSv3Client(new SQSClient({}));
