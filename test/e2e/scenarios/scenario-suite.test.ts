import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveTarget, runCommand, runScenarios, type SuiteReport } from '../../../scenarios';
import { type FakeControlPlane, startFakeControlPlane } from '../cli/support/fake-aws-control-plane';
import { E2E_TIMEOUT_MS, startTestCloud, type TestCloud } from '../local/runner/support/local-cloud-fixture';

jest.setTimeout(E2E_TIMEOUT_MS);

const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** Retries wait for the queue's visibility timeout: 1 s rather than 180 s lets the dead-letter scenario run here. */
const VISIBILITY_TIMEOUT_SECONDS = 1;

/** Each scenario's name with its outcome, and the reason when it did not pass (shown by a failing expect). */
const outcomes = (report: SuiteReport) =>
  report.results.map(
    (result) => `${result.outcome}: ${result.name}${result.reason ? ` (${result.reason})` : ''}`,
  );

/** A TCP port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** `npm run scenarios`'s entry point in a process of its own, without the AWS configuration of this machine. */
function spawnScenarios(argv: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}) {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && name !== 'NODE_OPTIONS'),
  );
  return spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'scenarios.cjs'), ...argv], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...inherited,
      AWS_CONFIG_FILE: join(cwd, 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(cwd, 'no-aws-credentials'),
      ...env,
    },
  });
}

describe('the scenario suite', () => {
  let test: TestCloud;
  let workDir: string;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'switchyard-scenarios-'));
    // Built once here, so the spawned runs below print only their own lines (no rebuild note).
    (require(join(REPO_ROOT, 'bin', 'entry-points.cjs')) as { build(name: string): void }).build('scenarios');
    test = await startTestCloud({ localOverrides: { visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_SECONDS } });
  });

  afterAll(async () => {
    await test?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('should pass every scenario against the local cloud, found through its endpoints file, dead letter included', async () => {
    // Arrange
    const target = await resolveTarget({ kind: 'local', dataDir: test.dataDir }, workDir);

    // Act
    const report = await runScenarios(target, { deadLetter: true });

    // Assert
    expect(outcomes(report).filter((line) => !line.startsWith('passed'))).toEqual([]);
    expect(report.passed).toBe(12);
    expect(report.target.mode).toBe('local');
    expect(report.correlationIdPrefix).toMatch(/^scenario-/);
  });

  describe('against a deployed stack', () => {
    const savedEnv = { ...process.env };
    let controlPlane: FakeControlPlane;

    beforeAll(async () => {
      // No AWS account is reachable: CloudFormation is a fake whose stack's ApiUrl is the local API.
      controlPlane = await startFakeControlPlane({
        stackName: 'Switchyard',
        outputs: { ...test.cloud.outputs, ApiUrl: `${test.cloud.apiUrl}/` },
        oldestMessageAgeSeconds: {},
      });
      Object.assign(process.env, {
        AWS_ACCESS_KEY_ID: test.cloud.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: test.cloud.credentials.secretAccessKey,
        AWS_ENDPOINT_URL_CLOUDFORMATION: controlPlane.url,
      });
      delete process.env.AWS_PROFILE;
    });

    afterAll(async () => {
      process.env = savedEnv;
      await controlPlane?.stop();
    });

    it("should find the API in the stack's outputs, sign with the default chain and leave the opt-in scenarios out", async () => {
      // Arrange
      const target = await resolveTarget(
        { kind: 'deployed', stackName: 'Switchyard', region: 'us-east-1' },
        workDir,
      );

      // Act: the local API answers in milliseconds, so the waits need not be AWS's
      const report = await runScenarios(target, { timing: { pollIntervalMs: 200, absenceGraceMs: 1000 } });

      // Assert
      expect(outcomes(report).filter((line) => line.startsWith('failed'))).toEqual([]);
      expect(report.target).toEqual({
        mode: 'deployed',
        apiUrl: test.cloud.apiUrl,
        description: `stack Switchyard in us-east-1 (${test.cloud.apiUrl})`,
      });
      expect(
        report.results.filter((result) => result.outcome === 'not run').map((result) => result.name),
      ).toEqual([
        'webhook delivered',
        'webhook refused by its receiver ends FAILED',
        'webhook failing every time is dead-lettered',
      ]);
      expect(report.passed).toBe(9);
      expect(controlPlane.accessKeyIds).toContain(test.cloud.credentials.accessKeyId);
    });
  });

  it('should print an unreachable target as one JSON line with --json', async () => {
    // Arrange
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: (text: string) => {
        stdout += text;
      },
      stderr: (text: string) => {
        stderr += text;
      },
      cwd: workDir,
    };

    // Act
    const code = await runCommand(['--data-dir', 'nothing-here', '--json'], io);

    // Assert
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(stdout)).toEqual({
      error: {
        message: `no local cloud is running (no ${join(workDir, 'nothing-here', 'endpoints.json')})`,
        next: expect.stringContaining('npm start'),
      },
      exitCode: 1,
    });
  });

  it('should exit 1 with one line that says how to start the local cloud when none runs', () => {
    // Arrange
    const noCloud = mkdtempSync(join(workDir, 'no-cloud-'));

    // Act
    const result = spawnScenarios(['--data-dir', noCloud], workDir);

    // Assert
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/no local cloud is running.*npm start/),
    ]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('should exit 1 with one line when CloudFormation cannot be reached', async () => {
    // Arrange
    const endpoint = `http://127.0.0.1:${await closedPort()}`;

    // Act
    const result = spawnScenarios(['--stack', 'no-such-stack', '--region', 'us-east-1'], workDir, {
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'fake-secret',
      AWS_ENDPOINT_URL_CLOUDFORMATION: endpoint,
    });

    // Assert
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `scenarios: cannot reach CloudFormation in us-east-1 (ECONNREFUSED at ${endpoint}); check the network connection and the AWS_ENDPOINT_URL_* variables, then retry`,
    ]);
  });
});
