import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LocalEndpoints } from '../../../common/local-endpoints-file';
import { runCli } from './support/cli-runner';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');

describe('switchyard usage', () => {
  let emptyDir: string;

  beforeAll(() => {
    emptyDir = mkdtempSync(join(tmpdir(), 'switchyard-cli-usage-'));
  });

  afterAll(() => {
    rmSync(emptyDir, { recursive: true, force: true });
  });

  it('should print the commands and exit 0 on --help', async () => {
    // Act
    const result = await runCli(['--help']);

    // Assert
    expect(result.code).toBe(0);
    for (const command of [
      'status',
      'dlq peek <channel>',
      'dlq redrive <channel>',
      'events replay',
      'tasks get <taskId>',
      'flows show <correlationId>',
    ]) {
      expect(result.stdout).toContain(command);
    }
    expect(result.stderr).toBe('');
  });

  it("should print a command's own help with its --json shape", async () => {
    // Act
    const result = await runCli(['dlq', 'peek', '--help']);

    // Assert
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: switchyard dlq peek <channel> [--max N] [--json]');
    expect(result.stdout).toContain('"firstError"');
  });

  it.each([
    [[], /Usage: switchyard <command>/],
    [['launch'], /unknown command launch[\s\S]*next: see `switchyard --help`/],
    [['dlq'], /dlq is not a command[\s\S]*next: use one of: switchyard dlq peek, switchyard dlq redrive/],
    [['status', '--bogus'], /Unknown option '--bogus'[\s\S]*next:/],
    [['status', 'extra'], /unexpected argument extra[\s\S]*next: usage: switchyard status/],
    [['dlq', 'peek'], /missing <channel>[\s\S]*next: usage: switchyard dlq peek <channel>/],
    [['tasks', 'get'], /missing <taskId>/],
    [['dlq', 'peek', 'tasks', '--max', '0'], /--max must be a whole number from 1 to 100 \(given 0\)/],
    [
      ['dlq', 'redrive', 'tasks', '--rate', '501'],
      /--rate must be a whole number from 1 to 500 \(given 501\)/,
    ],
    [['dlq', 'peek', 'tasks', '--rate', '5'], /--rate is not an option of dlq peek/],
    [['events', 'replay'], /missing --from[\s\S]*next: pass the start of the window/],
    [['events', 'replay', '--from', 'yesterday'], /--from is not a time \(given yesterday\)[\s\S]*now-2h/],
    [['events', 'replay', '--from', 'now-1h', '--to', 'now-2h'], /must be before --to/],
    [['events', 'replay', '--from', '1h', '--to', '2h'], /must be before --to/],
    [
      ['events', 'replay', '--from', '2026-11-29T10:00:00'],
      /--from 2026-11-29T10:00:00 has no UTC offset, so it is ambiguous[\s\S]*next: add Z or an offset such as \+01:00: --from 2026-11-29T10:00:00Z/,
    ],
    [
      ['events', 'replay', '--from', 'now-1h', '--pattern', '{"source":"a"}'],
      /--pattern is not a valid event pattern: Event pattern is not valid. Reason: "source" must be an object or an array[\s\S]*next: pass a JSON event pattern/,
    ],
    [
      ['events', 'replay', '--from', 'now-1h', '--pattern', '{"source":'],
      /--pattern is not a valid event pattern/,
    ],
    [
      ['events', 'replay', '--from', 'now-1h', '--pattern', '{"source":["a"]}', '--rule', 'r'],
      /--pattern cannot be combined with --rule[\s\S]*next: narrow the pattern replay with --channel/,
    ],

    [['status', '--local', '--stack', 'Other'], /--local cannot be combined with --stack/],
  ])('should exit 2 with what to do next for %j', async (argv, message) => {
    // Act: every case fails before looking for a stack, so none needs a running cloud
    const result = await runCli(argv, emptyDir);

    // Assert
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('should exit 1 and say how to start the local cloud when --local finds none', async () => {
    // Act
    const result = await runCli(['status', '--local'], emptyDir);

    // Assert
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no local cloud is running[\s\S]*next: start it with `npm start`/);
  });

  it('should exit 1 when the endpoints file is left from a local cloud that stopped', async () => {
    // Arrange: a port that nothing listens on any more
    const port = await new Promise<number>((done) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => done(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const dataDir = join(emptyDir, 'stale');
    mkdirSync(dataDir);
    writeFileSync(
      join(dataDir, 'endpoints.json'),
      JSON.stringify({
        awsEndpoint: `http://127.0.0.1:${port}`,
        region: 'us-east-1',
        accessKeyId: 'test',
        secretAccessKey: 'test',
        stackName: 'Switchyard',
        outputs: {},
      } satisfies LocalEndpoints),
    );

    // Act
    const result = await runCli(['status', '--data-dir', dataDir], emptyDir);

    // Assert
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /no local cloud answers at http:\/\/127\.0\.0\.1:\d+[\s\S]*next: start it with `npm start`/,
    );
  });

  it('should run as `npx switchyard` from the repository root', () => {
    // Act
    const result = spawnSync('npx', ['switchyard', '--help'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });

    // Assert
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: switchyard <command> [options]');
  }, 60_000);

  /** Runs the installed `switchyard` in a process of its own, with no AWS configuration at all. */
  const spawnSwitchyard = (argv: readonly string[], env: Readonly<Record<string, string>> = {}) => {
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(
        ([name]) => !name.startsWith('AWS_') && name !== 'NODE_OPTIONS' && name !== 'NODE_NO_WARNINGS',
      ),
    );
    return spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'switchyard.cjs'), ...argv], {
      cwd: emptyDir,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...inherited,
        AWS_CONFIG_FILE: join(emptyDir, 'no-aws-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(emptyDir, 'no-aws-credentials'),
        ...env,
      },
    });
  };
  const NODE_VERSION_WARNING = /NodeVersionSupportWarning|upgrade to node/;

  it("should keep the AWS SDK's Node.js version warning from the operator", () => {
    // Act: no local cloud here, so status creates an SDK client to look for a deployed stack
    const result = spawnSwitchyard(['status']);

    // Assert
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no local cloud is running and no AWS region is configured/);
    expect(result.stderr).not.toMatch(NODE_VERSION_WARNING);
  }, 60_000);

  it('should leave the warning on when the operator turned it on', () => {
    // Act
    const result = spawnSwitchyard(['status'], { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'false' });

    // Assert: the SDK warns only on Node.js before 22
    expect(result.status).toBe(1);
    const warns = Number(process.versions.node.split('.')[0]) < 22;
    expect(NODE_VERSION_WARNING.test(result.stderr)).toBe(warns);
  }, 60_000);
});
