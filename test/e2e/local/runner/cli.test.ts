import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { E2E_TIMEOUT_MS, SHARED_OUTDIR, startTestCloud } from './support/local-cloud-fixture';
import { pollUntil } from './support/poll-until';
import { signedRequest } from './support/signed-api';
import { startWebhookReceiver } from './support/webhook-receiver';

jest.setTimeout(E2E_TIMEOUT_MS);

const ROOT = join(__dirname, '..', '..', '..', '..');
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Runs what `npm start` runs (the compiled entry point) as a child process. */
const startMain = (args: string[]) => {
  const { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: _asUsersHaveIt, ...env } = process.env;
  const child = spawn(process.execPath, ['bin/local-cloud.cjs', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  createInterface({ input: child.stdout }).on('line', (line) => {
    stdout += `${line}\n`;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
};

describe('npm start', () => {
  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--port', 'abc'], /--port must be an integer from 0 to 65535 \(given abc\)/],
    [['--aws-port', '70000'], /--aws-port must be an integer from 0 to 65535 \(given 70000\)/],
    [['--data-dir', ''], /--data-dir must not be empty/],
  ])('should reject %j with a clear message and exit code 2', async (args, message) => {
    // Act
    const run = startMain(args);
    const code = await run.exited;

    // Assert
    expect(code).toBe(2);
    expect(run.output().stderr).toMatch(message);
    expect(run.output().stderr).toContain('Usage: npm start --');
  });

  it('should refuse to reset a folder holding files it did not create', async () => {
    // Arrange
    const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-cli-'));
    writeFileSync(join(dataDir, 'notes.txt'), 'mine');

    try {
      // Act
      const run = startMain(['--reset', '--data-dir', dataDir]);
      const code = await run.exited;

      // Assert
      expect(code).toBe(2);
      expect(run.output().stderr).toMatch(
        /--reset refuses to clear .*: it holds files the local cloud did not create \(notes\.txt\)/,
      );
      expect(existsSync(join(dataDir, 'notes.txt'))).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('should print the usage for --help and exit 0', async () => {
    // Act
    const run = startMain(['--help']);
    const code = await run.exited;

    // Assert
    expect(code).toBe(0);
    expect(run.output().stdout).toContain('--aws-port <n>');
  });

  it('should print a banner, write endpoints.json, and on SIGINT drain the invocation in flight and exit 0', async () => {
    // Arrange
    const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-cli-'));
    const receiver = await startWebhookReceiver(() => 200, 1500);
    const run = startMain([
      '--port',
      '0',
      '--aws-port',
      '0',
      '--console-port',
      '0',
      '--data-dir',
      dataDir,
      '--outdir',
      SHARED_OUTDIR,
    ]);
    try {
      await pollUntil(
        'the banner',
        async () => (run.output().stdout.includes('is ready') ? true : undefined),
        200_000,
      );
      const endpointsMode = statSync(join(dataDir, 'endpoints.json')).mode & 0o777;
      const endpoints = JSON.parse(readFileSync(join(dataDir, 'endpoints.json'), 'utf8')) as {
        apiUrl: string;
        awsEndpoint: string;
        consoleUrl: string;
      };
      const api = { apiUrl: endpoints.apiUrl, region: 'us-east-1', credentials: CREDENTIALS };
      const submitted = await signedRequest(api, 'POST', '/tasks', {
        type: 'webhook',
        payload: { url: `${receiver.url}/slow`, body: {} },
      });
      const taskId = (submitted.body as { taskId: string }).taskId;
      await pollUntil('the delivery to start', async () => (receiver.calls.length > 0 ? true : undefined));

      // Act
      run.child.kill('SIGINT');
      const code = await run.exited;

      // Assert
      const { stdout, stderr } = run.output();
      expect(code).toBe(0);
      expect(stderr).not.toContain('NodeVersionSupportWarning');
      // It holds the local credentials: other local users may not read it.
      expect(endpointsMode).toBe(0o600);
      expect(endpoints).toMatchObject({ apiUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/prod$/) });
      expect(endpoints.awsEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(stdout).toContain(`API            ${endpoints.apiUrl}`);
      expect(stdout).toContain(`AWS endpoint   ${endpoints.awsEndpoint}`);
      expect(stdout).toContain(`Console        ${endpoints.consoleUrl}`);
      expect(endpoints.consoleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
      expect(stdout).toContain('curl -s --aws-sigv4 "aws:amz:us-east-1:execute-api" --user test:test');
      expect(existsSync(join(dataDir, 'endpoints.json'))).toBe(false);
      // The invocation in flight finished before the exit: the task is done, on its first attempt.
      const restarted = await startTestCloud({ dataDir });
      try {
        const status = await signedRequest(restarted.cloud, 'GET', `/tasks/${taskId}`);
        expect(status.body).toMatchObject({ status: 'SUCCEEDED', attempts: 1 });
      } finally {
        await restarted.stop();
      }
    } finally {
      run.child.kill('SIGKILL');
      await receiver.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
