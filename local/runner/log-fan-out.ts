import type { LogSink } from '../lambda';

/**
 * One log sink for the Lambda runtime that hands every line to the configured one (the
 * terminal) and to sinks added while the cloud runs (the console's live logs). Adding one later
 * needs no change to the runtime, whose sink is fixed when it starts.
 */
export class LogFanOut {
  private readonly added = new Set<LogSink>();

  constructor(private readonly primary: LogSink) {}

  readonly sink: LogSink = (functionName, stream, line) => {
    this.primary(functionName, stream, line);
    for (const sink of this.added) sink(functionName, stream, line);
  };

  /** Adds a sink; the result removes it. */
  add(sink: LogSink): () => void {
    this.added.add(sink);
    return () => this.added.delete(sink);
  }
}
