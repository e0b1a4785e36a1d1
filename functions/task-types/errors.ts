/** A processing failure worth another attempt (timeouts, 5xx, connection errors). */
export class RetryableTaskError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RetryableTaskError';
  }
}

/** A failure that another attempt cannot fix (bad payload, 4xx): the task fails at once. */
export class NonRetryableTaskError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NonRetryableTaskError';
  }
}
