import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, ListQueuesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startServices } from '../../../../local';
import { clientConfig } from './local-cloud-fixture';

const REPO_ROOT = resolve(__dirname, '../../../..');

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** An `onReady` for `runCli`: lists the queues over the real SDK, hands them over, then stops the process. */
const listQueuesThenStop =
  (receive: (queueUrls: string[]) => void) =>
  (url: string, stop: () => void): void => {
    const sqs = new SQSClient(clientConfig(url));
    sqs
      .send(new ListQueuesCommand({}))
      .then((result) => receive(result.QueueUrls ?? []))
      .finally(() => {
        sqs.destroy();
        stop();
      });
  };

/** Runs the CLI; `onReady` gets the endpoint URL once printed and may stop the process. */
function runCli(args: string[], onReady?: (url: string, stop: () => void) => void): Promise<CliRun> {
  // What `npm run local:services` runs: the compiled entry point.
  const child = spawn(process.execPath, ['bin/local-services.cjs', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    stdout += `${line}\n`;
    const match = /^Local AWS endpoint: (\S+)/.exec(line);
    if (match?.[1] !== undefined) onReady?.(match[1], () => child.kill('SIGTERM'));
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolvePromise) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

describe('startServices and the local:services CLI', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchyard-services-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should write endpoints.json while running and remove it on stop, however often stop is called', async () => {
    // Arrange
    const services = await startServices({ port: 0, dataDir });
    const file = join(dataDir, 'endpoints.json');

    // Act
    const written = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    await Promise.all([services.stop(), services.stop()]);
    await services.stop();

    // Assert
    expect(written).toEqual({
      awsEndpoint: services.url,
      region: 'us-east-1',
      accessKeyId: 'test',
      secretAccessKey: 'test',
    });
    expect(services.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(existsSync(file)).toBe(false);
  });

  it('should serve DynamoDB through the same endpoint and keep its items across a restart', async () => {
    // Arrange
    const first = await startServices({ port: 0, dataDir });
    const ddb = new DynamoDBClient(clientConfig(first.url));
    await ddb.send(
      new CreateTableCommand({
        TableName: 'status',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    // Non-ASCII and a large value make the SDK's CRC32 check of the proxied body meaningful.
    const value = 'ünïcødé-'.repeat(2_000);
    await ddb.send(
      new PutItemCommand({ TableName: 'status', Item: { pk: { S: 'task-1' }, v: { S: value } } }),
    );
    ddb.destroy();
    await first.stop();

    // Act
    const second = await startServices({ port: 0, dataDir });
    const again = new DynamoDBClient(clientConfig(second.url));
    const { Item } = await again.send(
      new GetItemCommand({ TableName: 'status', Key: { pk: { S: 'task-1' } } }),
    );
    again.destroy();
    await second.stop();

    // Assert
    expect(Item?.v?.S).toBe(value);
  });

  it('should serve SDK clients configured only through AWS_ENDPOINT_URL and the credential variables', async () => {
    // Arrange
    const services = await startServices({ port: 0, dataDir });
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: services.url,
      AWS_REGION: services.region,
      AWS_ACCESS_KEY_ID: services.accessKeyId,
      AWS_SECRET_ACCESS_KEY: services.secretAccessKey,
    });
    const sqs = new SQSClient({});
    const ddb = new DynamoDBClient({});

    // Act
    try {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'from-env' }));
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'env' }));
      const { TableNames } = await ddb.send(new ListTablesCommand({}));

      // Assert
      expect(QueueUrl).toBe(`${services.url}/000000000000/from-env`);
      expect(TableNames).toEqual([]);
    } finally {
      process.env = saved;
      sqs.destroy();
      ddb.destroy();
      await services.stop();
    }
  });

  it('should add services from the services option after SQS, with the SQS model in their context', async () => {
    // Arrange
    const seen: string[] = [];

    // Act
    const services = await startServices({
      port: 0,
      dataDir,
      services: [
        (context) => {
          seen.push(context.sqs.createQueue('from-factory').url);
          return {
            name: 'probe',
            signingName: 'probe',
            canHandle: (request) => request.headers['x-amz-target'] === 'Probe.Ping',
            handle: async () => ({
              statusCode: 200,
              headers: { 'content-type': 'application/json' },
              body: '{"pong":true}',
            }),
            close: async () => undefined,
          };
        },
      ],
    });
    const response = await fetch(services.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'Probe.Ping' },
      body: '{}',
    });
    const body = await response.json();
    await services.stop();

    // Assert
    expect(seen).toEqual([`${services.url}/000000000000/from-factory`]);
    expect(body).toEqual({ pong: true });
  });

  it('should start from the CLI, serve SQS, and exit 0 on SIGTERM', async () => {
    // Arrange
    let listed: string[] | undefined;

    // Act
    const run = await runCli(
      ['--port', '0', '--data-dir', dataDir],
      listQueuesThenStop((urls) => {
        listed = urls;
      }),
    );

    // Assert
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Local AWS endpoint: http:\/\/127\.0\.0\.1:\d+/);
    expect(listed).toEqual([]);
    expect(existsSync(join(dataDir, 'endpoints.json'))).toBe(false);
  }, 40_000);

  it.each([
    ['a port that is not a number', ['--port', 'abc'], /--port must be an integer/],
    ['a port above 65535', ['--port', '70000'], /--port must be an integer/],
    ['an unknown flag', ['--colour'], /Unknown option/],
  ])(
    'should exit 2 with a clear message for %s',
    async (_label, args, message) => {
      // Act
      const run = await runCli([...args, '--data-dir', dataDir]);

      // Assert
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
    },
    40_000,
  );

  it('should exit 1 with a clear message when the port is taken', async () => {
    // Arrange
    const running = await startServices({ port: 0, dataDir: join(dataDir, 'first') });
    const port = new URL(running.url).port;

    // Act
    const run = await runCli(['--port', port, '--data-dir', join(dataDir, 'second')]);
    await running.stop();

    // Assert
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the local services could not start: .*EADDRINUSE/);
  }, 40_000);

  it('should refuse --reset on a folder holding files it did not create', async () => {
    // Arrange
    const foreign = join(dataDir, 'precious');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'keep me');

    // Act
    const run = await runCli(['--reset', '--data-dir', dataDir]);

    // Assert
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /--reset refuses to clear .*: it holds files the local cloud did not create \(precious\)/,
    );
    expect(existsSync(join(foreign, 'notes.txt'))).toBe(true);
  }, 40_000);

  it('should clear earlier state with --reset', async () => {
    // Arrange
    const before = await startServices({ port: 0, dataDir });
    before.sqs.createQueue('old-queue');
    await before.stop();
    let listed: string[] | undefined;

    // Act
    const run = await runCli(
      ['--reset', '--port', '0', '--data-dir', dataDir],
      listQueuesThenStop((urls) => {
        listed = urls;
      }),
    );

    // Assert
    expect(run.code).toBe(0);
    expect(listed).toEqual([]);
  }, 40_000);
});
