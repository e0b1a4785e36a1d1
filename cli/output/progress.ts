import type { CliIo } from '../io';

/**
 * Progress of a long operation, on stderr so `--json` on stdout stays one clean document. A
 * line is written only when it differs from the previous one, so polling does not flood logs.
 */
export class Progress {
  private last: string | undefined;

  constructor(private readonly io: CliIo) {}

  report(line: string): void {
    if (line === this.last) return;
    this.last = line;
    this.io.stderr(`${line}\n`);
  }
}

/** Waits between polls of a long operation. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The states AWS long operations end in: SQS message move tasks and EventBridge replays alike. */
export const ENDED_STATES: ReadonlySet<string> = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

/**
 * Polls a long operation until it ends, reporting each new progress line. Answers the last
 * observation, whose state is one of ENDED_STATES.
 */
export async function followUntilEnded<T>(options: {
  readonly observe: () => Promise<T>;
  readonly stateOf: (observed: T) => string;
  readonly describe: (observed: T) => string;
  readonly progress: Progress;
  readonly intervalMs: number;
}): Promise<T> {
  for (;;) {
    const observed = await options.observe();
    options.progress.report(options.describe(observed));
    if (ENDED_STATES.has(options.stateOf(observed))) return observed;
    await sleep(options.intervalMs);
  }
}
