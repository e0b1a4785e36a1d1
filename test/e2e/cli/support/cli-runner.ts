import { run } from '../../../../cli';

/** What one CLI run printed and returned. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as the one JSON document `--json` promises. */
  json<T>(): T;
}

/** Runs the CLI in process, as `npx switchyard ...argv` would from `cwd`, capturing its output. */
export async function runCli(argv: readonly string[], cwd = process.cwd()): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd,
  });
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}
