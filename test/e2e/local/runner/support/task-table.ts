import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';

/** A task's status record as the table holds it. */
export interface StoredTask {
  readonly taskId: string;
  readonly status: string;
  readonly attempts: number;
  readonly error?: { readonly code: string };
}

interface Endpoint {
  readonly awsEndpoint: string;
}

const config = (endpoint: Endpoint) => ({
  endpoint: endpoint.awsEndpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 3,
});

/** Every task record, read with the real DynamoDB client (a scan: the table holds one test's tasks). */
export async function scanTasks(endpoint: Endpoint, tableName: string): Promise<StoredTask[]> {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient(config(endpoint)));
  const tasks: StoredTask[] = [];
  try {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }),
      );
      tasks.push(...((page.Items ?? []) as StoredTask[]));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
  } finally {
    client.destroy();
  }
  return tasks;
}

/** Receives and deletes every message of a queue, returning their bodies. */
export async function drainQueue(endpoint: Endpoint, queueUrl: string): Promise<string[]> {
  const client = new SQSClient(config(endpoint));
  const bodies: string[] = [];
  try {
    for (;;) {
      const { Messages = [] } = await client.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
      );
      if (Messages.length === 0) return bodies;
      bodies.push(...Messages.map((message) => message.Body ?? ''));
      await client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Messages.map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.ReceiptHandle,
          })),
        }),
      );
    }
  } finally {
    client.destroy();
  }
}

/** Messages in a queue, visible or in flight (delayed ones are not expected here). */
export async function queueDepth(endpoint: Endpoint, queueUrl: string): Promise<number> {
  const client = new SQSClient(config(endpoint));
  try {
    const { Attributes = {} } = await client.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return (
      Number(Attributes.ApproximateNumberOfMessages) +
      Number(Attributes.ApproximateNumberOfMessagesNotVisible)
    );
  } finally {
    client.destroy();
  }
}
