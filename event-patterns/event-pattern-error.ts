/**
 * The event pattern is not valid JSON or breaks a pattern rule. `reason` is AWS's wording and
 * the message is the one EventBridge sends with `InvalidEventPatternException`, so a caller can
 * show it as it is or answer with it.
 */
export class EventPatternError extends Error {
  /** The reason alone, without the `Event pattern is not valid. Reason: ` preamble. */
  readonly reason: string;

  constructor(reason: string) {
    super(`Event pattern is not valid. Reason: ${reason}`);
    this.name = 'EventPatternError';
    this.reason = reason;
  }
}
