import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchClient, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, ListEventBusesCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type RunningServices, startServices } from '../../../../local';
import { clientConfig } from '../sqs/local-cloud-fixture';
import { FORM_HEADERS, formBody, httpRequest } from './http-request';

describe('the AWS endpoint with --enforce-sigv4', () => {
  let services: RunningServices;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchyard-sigv4-'));
    services = await startServices({ port: 0, dataDir, enforceSigV4: true });
  });

  afterAll(async () => {
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const withSecret = (secretAccessKey: string, accessKeyId = 'test') => ({
    ...clientConfig(services.url),
    credentials: { accessKeyId, secretAccessKey },
  });

  it('should serve every service to a client that signs with the local credentials', async () => {
    // Arrange
    const config = clientConfig(services.url);

    // Act
    const created = await new SQSClient(config).send(new CreateQueueCommand({ QueueName: 'signed' }));
    const tables = await new DynamoDBClient(config).send(new ListTablesCommand({}));
    const buses = await new EventBridgeClient(config).send(new ListEventBusesCommand({}));
    const statistics = await new CloudWatchClient(config).send(
      new GetMetricStatisticsCommand({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: 'signed' }],
        StartTime: new Date(Date.now() - 60_000),
        EndTime: new Date(),
        Period: 60,
        Statistics: ['Maximum'],
      }),
    );

    // Assert
    expect(created.QueueUrl).toMatch(/\/signed$/);
    expect(tables.TableNames).toEqual([]);
    expect(buses.EventBuses?.map((bus) => bus.Name)).toContain('default');
    expect(statistics.Datapoints).toBeDefined();
  });

  it('should refuse a wrong secret with the code each protocol uses', async () => {
    // Act
    const sqs = await new SQSClient(withSecret('wrong'))
      .send(new ListQueuesCommand({}))
      .catch((e: Error) => e);
    const dynamo = await new DynamoDBClient(withSecret('wrong'))
      .send(new ListTablesCommand({}))
      .catch((e: Error) => e);

    // Assert
    expect(sqs).toMatchObject({ name: 'InvalidSignatureException', $metadata: { httpStatusCode: 403 } });
    expect(dynamo).toMatchObject({ name: 'InvalidSignatureException' });
    expect((dynamo as Error).message).toMatch(/signature we calculated does not match/);
  });

  it('should refuse an access key other than the local one', async () => {
    // Act
    const error = await new EventBridgeClient(withSecret('test', 'AKIDSOMEONEELSE'))
      .send(new ListEventBusesCommand({}))
      .catch((e: Error) => e);

    // Assert
    expect(error).toMatchObject({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
  });

  it('should refuse an unsigned query-protocol call in XML, changing nothing', async () => {
    // Act
    const response = await httpRequest(services.url, {
      method: 'POST',
      headers: FORM_HEADERS,
      body: formBody({ Action: 'CreateQueue', Version: '2012-11-05', QueueName: 'unsigned' }),
    });
    const queues = await new SQSClient(clientConfig(services.url)).send(new ListQueuesCommand({}));

    // Assert
    expect(response.status).toBe(403);
    expect(response.text).toContain('<Code>MissingAuthenticationToken</Code>');
    expect(queues.QueueUrls ?? []).not.toContainEqual(expect.stringMatching(/\/unsigned$/));
  });

  it('should refuse a signature scoped to another service', async () => {
    // Arrange: a DynamoDB request signed for SQS.
    const sqsSigned = new SQSClient(clientConfig(services.url));
    sqsSigned.middlewareStack.add(
      (next) => (args) => {
        const request = args.request as { headers: Record<string, string>; body: string };
        request.headers['x-amz-target'] = 'DynamoDB_20120810.ListTables';
        request.headers['content-type'] = 'application/x-amz-json-1.0';
        request.body = '{}';
        return next(args);
      },
      { step: 'build' },
    );

    // Act
    const error = await sqsSigned.send(new ListQueuesCommand({})).catch((e: Error) => e);

    // Assert
    expect(error).toMatchObject({ name: 'InvalidSignatureException' });
    expect((error as Error).message).toContain("Credential should be scoped to correct service: 'dynamodb'");
  });
});
