import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageVersion } from '../../../cli/version';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const { version: PACKAGE_VERSION } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string;
};

interface FreshRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The `@aws-sdk/*` modules the run loaded. */
  readonly sdkModules: readonly string[];
}

/** Runs the CLI in process from an empty module registry, as a new `switchyard` process would. */
async function runFresh(argv: readonly string[]): Promise<FreshRun> {
  jest.resetModules();
  const { run } = require('../../../cli/run') as typeof import('../../../cli/run');
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd: tmpdir(),
  });
  const sdkModules = Object.keys(require.cache).filter((file) => /[\\/]@aws-sdk[\\/]/.test(file));
  return { code, stdout, stderr, sdkModules };
}

describe('switchyard --help and --version', () => {
  it.each([
    [['--help']],
    [['-h']],
    [['--version']],
    [['-v']],
    [['dlq', '--help']],
    [['events', '--help']],
    [['dlq', 'peek', '--help']],
    [['status', '--help']],
    [[]],
  ])('should answer %j without loading the AWS SDK', async (argv) => {
    // Act
    const result = await runFresh(argv);

    // Assert
    expect(result.sdkModules).toEqual([]);
  });

  it('should load the AWS SDK once a command runs', async () => {
    // Act: the command's implementation loads, then refuses --max before any call
    const result = await runFresh(['dlq', 'peek', 'tasks', '--max', '0']);

    // Assert
    expect(result.code).toBe(2);
    expect(result.sdkModules).not.toEqual([]);
  });

  it.each([[['--version']], [['-v']], [['status', '--version']]])(
    'should print the package version for %j and exit 0',
    async (argv) => {
      // Act
      const result = await runFresh(argv);

      // Assert
      expect(result).toMatchObject({ code: 0, stdout: `${PACKAGE_VERSION}\n`, stderr: '' });
    },
  );

  it.each([
    ['dlq', ['dlq peek <channel>', 'dlq redrive <channel>']],
    ['events', ['events replay']],
    ['tasks', ['tasks get <taskId>']],
    ['flows', ['flows show <correlationId>']],
  ])('should print the commands of the %s group with their summaries and exit 0', async (group, commands) => {
    // Act
    const result = await runFresh([group, '--help']);

    // Assert
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`Usage: switchyard ${group} <command> [options]`);
    const lines = result.stdout.split('\n').filter((line) => line.startsWith(`  ${group} `));
    expect(lines.map((line) => line.split(/ {2,}/)[1])).toEqual(commands);
    for (const line of lines) expect(line.split(/ {2,}/)[2]).toMatch(/\w/);
  });

  it.each([
    [['launch', '--help'], /unknown command launch[\s\S]*next: see `switchyard --help`/],
    [['dlq', 'bogus', '--help'], /dlq bogus is not a command[\s\S]*next: use one of: switchyard dlq peek/],
  ])('should exit 2 for %j', async (argv, message) => {
    // Act
    const result = await runFresh(argv);

    // Assert
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });
});

describe('packageVersion', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'switchyard-version-'));
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('should walk up past other packages to the nearest package.json named switchyard', () => {
    // Arrange: as in an installed bundle, dist/ sits below the package, inside another package
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'switchyard', version: '9.8.7' }));
    mkdirSync(join(root, 'node_modules', 'other', 'dist'), { recursive: true });
    writeFileSync(join(root, 'node_modules', 'other', 'package.json'), JSON.stringify({ name: 'other' }));

    // Act
    const version = packageVersion(join(root, 'node_modules', 'other', 'dist'));

    // Assert
    expect(version).toBe('9.8.7');
  });

  it('should pass over a package.json named switchyard that has no version', () => {
    // Arrange
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'switchyard', version: '9.8.7' }));
    mkdirSync(join(root, 'inner'));
    writeFileSync(join(root, 'inner', 'package.json'), JSON.stringify({ name: 'switchyard' }));

    // Act
    const version = packageVersion(join(root, 'inner'));

    // Assert
    expect(version).toBe('9.8.7');
  });

  it('should find the repository version from the CLI sources', () => {
    // Act
    const version = packageVersion(join(REPO_ROOT, 'cli'));

    // Assert
    expect(version).toBe(PACKAGE_VERSION);
  });

  it('should be undefined when no package.json above is named switchyard', () => {
    // Arrange
    writeFileSync(join(root, 'package.json'), '{ not json');

    // Act
    const version = packageVersion(root);

    // Assert
    expect(version).toBeUndefined();
  });
});
