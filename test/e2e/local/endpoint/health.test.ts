import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, ListEventBusesCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { HEALTH_PATH } from '../../../../common/local-endpoints-file';
import { type RunningServices, startServices } from '../../../../local';
import type { HealthReport } from '../../../../local/endpoint/health';
import { clientConfig } from '../sqs/local-cloud-fixture';

const { version } = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as {
  version: string;
};

/** Starts the local services on a free port in a fresh data folder, removed by `stop`. */
async function startTestServices(mode?: 'services' | 'stack'): Promise<RunningServices> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-health-'));
  const services = await startServices({ port: 0, dataDir, ...(mode !== undefined && { mode }) });
  return {
    ...services,
    stop: async () => {
      await services.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe('GET /_switchyard/health', () => {
  let services: RunningServices;
  const health = (init?: RequestInit, path = HEALTH_PATH) => fetch(`${services.url}${path}`, init);

  beforeAll(async () => {
    services = await startTestServices();
  });

  afterAll(async () => {
    await services?.stop();
  });

  it('should report every service running, without a signature, under its AWS identifier', async () => {
    // Act
    const response = await health();

    // Assert
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual<HealthReport>({
      status: 'running',
      mode: 'services',
      services: { sqs: 'running', dynamodb: 'running', events: 'running', cloudwatch: 'running' },
      version,
    });
  });

  it('should ignore a query string', async () => {
    // Act
    const response = await health(undefined, `${HEALTH_PATH}?reload=1`);

    // Assert
    expect(response.status).toBe(200);
    expect(((await response.json()) as HealthReport).status).toBe('running');
  });

  it('should answer HEAD with the headers of GET and no body', async () => {
    // Act
    const response = await health({ method: 'HEAD' });

    // Assert
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('');
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('should refuse %s with 405 in JSON', async (method) => {
    // Act: dressed as an SQS call, which must not reach SQS
    const response = await health({
      method,
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ListQueues' },
      body: '{}',
    });

    // Assert
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({
      error: 'MethodNotAllowed',
      message: `${HEALTH_PATH} answers GET and HEAD, not ${method}.`,
    });
  });

  it('should answer 404 in JSON for other paths of its own', async () => {
    // Act
    const response = await health(undefined, '/_switchyard/metrics');

    // Assert
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: 'NotFound',
      message: `Nothing is served at /_switchyard/metrics; try ${HEALTH_PATH}.`,
    });
  });

  it('should leave every other request to the AWS services', async () => {
    // Arrange
    const config = clientConfig(services.url);
    const sqs = new SQSClient(config);
    const dynamoDb = new DynamoDBClient(config);
    const eventBridge = new EventBridgeClient(config);

    try {
      // Act
      await health();
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'after-health' }));
      const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({}));
      const { TableNames } = await dynamoDb.send(new ListTablesCommand({}));
      const { EventBuses = [] } = await eventBridge.send(new ListEventBusesCommand({}));
      const unowned = await fetch(services.url, { method: 'POST', body: '' });

      // Assert
      expect(QueueUrls).toContain(QueueUrl);
      expect(TableNames).toEqual([]);
      expect(EventBuses.map((bus) => bus.Name)).toContain('default');
      expect(unowned.status).toBe(400);
      expect(await unowned.json()).toMatchObject({ __type: 'InvalidAction' });
    } finally {
      sqs.destroy();
      dynamoDb.destroy();
      eventBridge.destroy();
    }
  });
});

describe('GET /_switchyard/health under the stack runner', () => {
  let services: RunningServices | undefined;

  afterEach(async () => {
    await services?.stop();
    services = undefined;
  });

  it('should report starting until the runner marks the stack ready, then running in stack mode', async () => {
    // Arrange
    services = await startTestServices('stack');
    const report = async () => (await (await fetch(`${services?.url}${HEALTH_PATH}`)).json()) as HealthReport;
    const before = await report();

    // Act
    services.markReady();
    const after = await report();

    // Assert
    expect(before).toMatchObject({ status: 'starting', mode: 'stack', services: { sqs: 'running' } });
    expect(after).toMatchObject({ status: 'running', mode: 'stack' });
  });

  it('should report stopping once the runner starts to drain, while the services still answer', async () => {
    // Arrange
    services = await startTestServices('stack');
    services.markReady();

    // Act
    services.markStopping();
    const response = await fetch(`${services.url}${HEALTH_PATH}`);

    // Assert
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'stopping', mode: 'stack' });
  });
});
