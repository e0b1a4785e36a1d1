import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeLocalCloud } from '../../../cli/target/local-endpoints';
import { endpointsFilePath, type LocalEndpoints } from '../../../common/local-endpoints-file';
import { type RunningServices, startServices } from '../../../local';
import { runCli } from './support/cli-runner';

/** Writes `<dataDir>/endpoints.json` as the local cloud would for an endpoint at `awsEndpoint`. */
function writeEndpoints(dataDir: string, awsEndpoint: string): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(
    endpointsFilePath(dataDir),
    JSON.stringify({
      awsEndpoint,
      region: 'us-east-1',
      accessKeyId: 'test',
      secretAccessKey: 'test',
      stackName: 'Switchyard',
      outputs: {},
    } satisfies LocalEndpoints),
  );
}

/** A port nothing listens on any more. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

/**
 * How the CLI decides whether a local cloud runs: by asking its endpoint's
 * `GET /_switchyard/health`, not by the endpoints file alone.
 */
describe('switchyard and the local cloud it finds', () => {
  const savedEnv = { ...process.env };
  let workDir: string;

  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'switchyard-cli-local-'));
    // No AWS configuration at all: falling back to AWS fails at once, without a network call.
    for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
    process.env.AWS_CONFIG_FILE = join(workDir, 'no-aws-config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(workDir, 'no-aws-credentials');
  });

  afterAll(() => {
    process.env = savedEnv;
    rmSync(workDir, { recursive: true, force: true });
  });

  describe('when another program answers on the endpoint', () => {
    let foreign: Server;
    let url: string;

    beforeAll(async () => {
      foreign = createServer((_request, response) => response.writeHead(404).end('Not Found'));
      await new Promise<void>((done) => foreign.listen(0, '127.0.0.1', done));
      const address = foreign.address();
      url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    });

    afterAll(async () => {
      await new Promise((done) => foreign.close(done));
    });

    it('should exit 1 for the data folder asked for and say that another program holds the port', async () => {
      // Arrange
      const dataDir = join(workDir, 'foreign');
      writeEndpoints(dataDir, url);

      // Act
      const result = await runCli(['status', '--data-dir', dataDir], workDir);

      // Assert
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `switchyard: ${url} answers, but not as the local cloud (GET /_switchyard/health answered HTTP 404): ` +
          `${join(dataDir, 'endpoints.json')} is left from a run that stopped`,
      );
      expect(result.stderr).toMatch(/next: another program holds that port now: .*--aws-port/);
    });
  });

  it('should give up on an endpoint that accepts connections but never answers', async () => {
    // Arrange
    const silent = createServer(() => undefined);
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const address = silent.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;

    try {
      // Act
      const probe = await probeLocalCloud(`http://127.0.0.1:${port}`, 100);

      // Assert
      expect(probe).toEqual({ answer: 'none', reason: 'no answer within 100 ms' });
    } finally {
      silent.closeAllConnections();
      await new Promise((done) => silent.close(done));
    }
  });

  it('should note a stale endpoints file before it looks for a deployed stack', async () => {
    // Arrange: the default data folder of the working directory names a stopped cloud
    const cwd = join(workDir, 'stale-default');
    const port = await closedPort();
    writeEndpoints(join(cwd, '.switchyard'), `http://127.0.0.1:${port}`);

    // Act
    const result = await runCli(['status'], cwd);

    // Assert
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^note: no local cloud answers at http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\): .*endpoints\\.json is left from a run that stopped; looking for a deployed stack instead\\n`,
      ),
    );
    expect(result.stderr).toContain('switchyard: no local cloud is running and no AWS region is configured');
  });

  describe('when the local AWS services run', () => {
    let services: RunningServices | undefined;
    let dataDir: string;

    beforeEach(() => {
      dataDir = mkdtempSync(join(workDir, 'services-'));
    });

    afterEach(async () => {
      await services?.stop();
      services = undefined;
    });

    it('should refuse services started without the stack', async () => {
      // Arrange
      services = await startServices({ port: 0, dataDir });

      // Act
      const result = await runCli(['status', '--data-dir', dataDir], workDir);

      // Assert
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`the local AWS services at ${services.url} run without the stack`);
    });

    it('should say the local cloud is starting until the stack runner is ready, then use it', async () => {
      // Arrange: as `npm start` runs, between starting the services and provisioning the stack
      services = await startServices({ port: 0, dataDir, mode: 'stack' });
      writeEndpoints(dataDir, services.url);

      // Act
      const starting = await runCli(['status', '--data-dir', dataDir], workDir);
      services.markReady();
      const running = await runCli(['status', '--data-dir', dataDir], workDir);

      // Assert
      expect(starting.code).toBe(1);
      expect(starting.stderr).toContain(`switchyard: the local cloud at ${services.url} is starting`);
      expect(starting.stderr).toContain(`curl -s ${services.url}/_switchyard/health`);
      // Found and used: this stack has no queues, which status is the first to say.
      expect(running.code).toBe(1);
      expect(running.stderr).toContain(
        `the local cloud at ${services.url} (${dataDir}) has no queue outputs`,
      );
    });
  });
});
