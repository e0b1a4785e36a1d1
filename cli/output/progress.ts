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
