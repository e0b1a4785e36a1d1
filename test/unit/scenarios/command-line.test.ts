import { parseCommandLine } from '../../../scenarios/args';
import { ExitCode, UsageError } from '../../../scenarios/errors';
import { resultLine, summaryLine } from '../../../scenarios/report';
import type { SuiteReport } from '../../../scenarios/run-scenarios';

const usageError = (argv: readonly string[]): UsageError => {
  try {
    parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
};

describe('the scenarios command line', () => {
  it('should target the local cloud by default and a deployed stack with --stack', () => {
    // Act
    const local = parseCommandLine([]);
    const folder = parseCommandLine(['--data-dir', '/tmp/cloud']);
    const deployed = parseCommandLine(['--stack', 'Switchyard', '--region', 'eu-west-1', '--profile', 'ops']);

    // Assert
    expect(local.target).toEqual({ kind: 'local' });
    expect(folder.target).toEqual({ kind: 'local', dataDir: '/tmp/cloud' });
    expect(deployed.target).toEqual({
      kind: 'deployed',
      stackName: 'Switchyard',
      region: 'eu-west-1',
      profile: 'ops',
    });
  });

  it.each([
    [['--nope'], /Unknown option '--nope'/],
    [['extra'], /unexpected argument extra/],
    [['--region', 'eu-west-1'], /--region needs --stack/],
    [['--stack', 'S', '--data-dir', 'x'], /--data-dir cannot be combined with --stack/],
    [['--webhook-url', 'not a url'], /--webhook-url is not a URL/],
    [['--webhook-url', 'ftp://hooks.example.com/'], /--webhook-url must be an http\(s\) URL/],
    [['--stack', 'S', '--dead-letter'], /--dead-letter on a deployed stack needs --webhook-fail-url/],
  ])('should refuse %j as a usage error (exit 2)', (argv, message) => {
    // Act
    const error = usageError(argv);

    // Assert
    expect(error.exitCode).toBe(ExitCode.usage);
    expect(error.message).toMatch(message);
  });

  it('should print one line per scenario and a summary', () => {
    // Arrange
    const report: Pick<SuiteReport, 'passed' | 'failed' | 'notRun'> = { passed: 1, failed: 1, notRun: 1 };

    // Act
    const lines = [
      resultLine({ name: 'liveness', outcome: 'passed', ms: 12 }),
      resultLine({ name: 'hello task', outcome: 'failed', ms: 30, reason: 'task t ended FAILED' }),
      resultLine({ name: 'webhook delivered', outcome: 'not run', reason: 'pass --webhook-url' }),
      summaryLine(report as SuiteReport),
    ];

    // Assert
    expect(lines).toEqual([
      '✓ liveness (12 ms)',
      '✗ hello task: task t ended FAILED',
      '- webhook delivered: not run (pass --webhook-url)',
      '1 passed, 1 failed, 1 not run',
    ]);
  });
});
