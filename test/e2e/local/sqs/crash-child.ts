/**
 * Child process of the crash test: starts the local services on the data folder given as the
 * first argument and reports on stdout every write the SDK saw acknowledged, until it is killed.
 * The second argument is the visibility timeout (seconds) of the messages it leaves in flight.
 *   READY <url> | RECEIVING <epochMs> | INFLIGHT <messageId> | DELETED <messageId> | ACK <messageId>
 *   | ITEM <key> (a DynamoDB item written through the same endpoint)
 */
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { startServices } from '../../../../local';

async function main(): Promise<void> {
  const [dataDir, inFlightSeconds = '4'] = process.argv.slice(2);
  if (dataDir === undefined) throw new Error('usage: crash-child <dataDir> [inFlightSeconds]');
  const services = await startServices({ port: 0, dataDir });
  const config = {
    endpoint: services.url,
    region: 'us-east-1',
    credentials: { accessKeyId: services.accessKeyId, secretAccessKey: services.secretAccessKey },
  };
  const sqs = new SQSClient(config);
  const dynamo = new DynamoDBClient(config);
  process.stdout.write(`READY ${services.url}\n`);
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'crash' }));
  await dynamo.send(
    new CreateTableCommand({
      TableName: 'crash',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  for (let i = 0; i < 3; i += 1) {
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: `inflight-${i}` }));
    process.stdout.write(`ACK ${sent.MessageId}\n`);
  }
  process.stdout.write(`RECEIVING ${Date.now()}\n`);
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl,
      MaxNumberOfMessages: 10,
      VisibilityTimeout: Number(inFlightSeconds),
    }),
  );
  for (const message of Messages) process.stdout.write(`INFLIGHT ${message.MessageId}\n`);
  const [first] = Messages;
  if (first !== undefined) {
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first.ReceiptHandle }));
    process.stdout.write(`DELETED ${first.MessageId}\n`);
  }
  for (let i = 0; ; i += 1) {
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: `message-${i}` }));
    process.stdout.write(`ACK ${sent.MessageId}\n`);
    if (i % 10 === 0) {
      await dynamo.send(new PutItemCommand({ TableName: 'crash', Item: { pk: { S: `item-${i}` } } }));
      process.stdout.write(`ITEM item-${i}\n`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`crash-child failed: ${String(error)}\n`);
  process.exit(1);
});
