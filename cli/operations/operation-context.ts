import type { Clients } from '../target/clients';
import type { Target } from '../target/target';

/** The stack an operation works on, and the SDK clients that reach it. */
export interface OperationContext {
  readonly target: Target;
  readonly clients: Clients;
}

/**
 * How a caller follows a long operation and stops waiting for it. Messages are sentences without
 * a line break or a `warning:` prefix, so each caller shows them its own way (the CLI on stderr).
 */
export interface OperationHooks {
  /** Each step, and each new state of what AWS runs (a state is not repeated while it lasts). */
  onProgress?(message: string): void;
  /** Something the operator should know that does not fail the operation, e.g. a leftover to tidy. */
  onWarning?(message: string): void;
  /**
   * Stops the operation between two calls or during a wait; it then rejects with the signal's
   * reason. What AWS already runs (a message move task, a replay) goes on, as it does when the CLI
   * is stopped with Ctrl-C.
   */
  signal?: AbortSignal;
}
