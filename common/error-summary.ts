/**
 * What may be said of an error in a log line or a command's output: its name and message, never
 * its payload, cause or stack. Depends on nothing, so functions, the local cloud and the CLI
 * share it without loading each other.
 */

/** An error reduced to what may be logged: name and message, never payloads or causes. */
export const errorSummary = (error: unknown): { name: string; message: string } =>
  error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };

/** The message of an error, or the text of whatever else was thrown. */
export const errorMessage = (error: unknown): string => errorSummary(error).message;
