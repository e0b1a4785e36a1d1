/**
 * Where the CLI writes and where it runs. `main.ts` wires the process; tests pass their own to
 * capture what an operator would see.
 */
export interface CliIo {
  /** Results only (tables or `--json`), so scripts can parse it. */
  readonly stdout: (text: string) => void;
  /** Progress, notes and errors. */
  readonly stderr: (text: string) => void;
  /** Relative paths (`--data-dir`, the default `.switchyard`) resolve against this folder. */
  readonly cwd: string;
}

/** The real process streams and working directory. */
export const processIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
