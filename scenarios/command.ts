import { errorMessage } from '../common/error-summary';
import { parseCommandLine, USAGE } from './args';
import { ExitCode, isCommandError } from './errors';
import { resultLine, summaryLine } from './report';
import { runScenarios } from './run-scenarios';
import { assertApiReachable } from './target/api-reachable';
import { resolveTarget } from './target/resolve-target';

/** Where the command writes and where it runs; tests pass their own. */
export interface CommandIo {
  /** Scenario lines and the summary, or the `--json` object. */
  readonly stdout: (text: string) => void;
  /** Progress notes and the one line of an error. */
  readonly stderr: (text: string) => void;
  /** `--data-dir` and the default `.switchyard` resolve against this folder. */
  readonly cwd: string;
}

/**
 * `npm run scenarios`: resolves the target, runs the suite and prints it. Returns the exit code.
 * A bad command line or an unreachable target is one line (on stdout as JSON with `--json`),
 * never a stack trace.
 */
export async function runCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const json = argv.includes('--json');
  try {
    const commandLine = parseCommandLine(argv);
    if (commandLine.help) {
      io.stdout(USAGE);
      return ExitCode.passed;
    }
    const target = await resolveTarget(commandLine.target, io.cwd);
    await assertApiReachable(target);
    const note = (line: string) => io.stderr(`${line}\n`);
    note(`scenarios: ${target.description}`);
    const report = await runScenarios(target, {
      ...commandLine.suite,
      note,
      ...(!commandLine.json && { onResult: (result) => io.stdout(`${resultLine(result)}\n`) }),
    });
    if (commandLine.json) io.stdout(`${JSON.stringify(report)}\n`);
    else io.stdout(`${summaryLine(report)}\n`);
    note(`scenarios: this run's correlation ids start with ${report.correlationIdPrefix}`);
    return report.failed === 0 ? ExitCode.passed : ExitCode.failed;
  } catch (error) {
    const [message, next, exitCode] = isCommandError(error)
      ? [error.message, error.next, error.exitCode]
      : [
          `unexpected error: ${errorMessage(error)}`,
          'report it with the command line that caused it',
          ExitCode.failed,
        ];
    const line = `${message}; ${next}`.replace(/\s+/g, ' ');
    if (json) io.stdout(`${JSON.stringify({ error: { message, next }, exitCode })}\n`);
    else io.stderr(`scenarios: ${line}\n`);
    return exitCode;
  }
}
