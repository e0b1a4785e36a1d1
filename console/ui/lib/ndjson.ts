import { isRecord } from '../../../common/is-record';
import type { OperationLine } from '../../api-types';

/** The stream broke the NDJSON operation protocol (not JSON, unknown line, or no outcome). */
export class OperationProtocolError extends Error {
  override readonly name = 'OperationProtocolError';
}

/** How a long operation ended: its result, or the error line the server sent. */
export type OperationOutcome<Result> = Exclude<OperationLine<Result>, { readonly type: 'progress' }>;

/**
 * Splits text arriving in arbitrary chunks into complete lines: a line is only handed out once
 * its newline has arrived, since a chunk boundary may fall anywhere inside one.
 */
export class LineSplitter {
  private pending = '';

  /** The lines the chunk completes; the unterminated rest waits for the next chunk. */
  push(chunk: string): string[] {
    const parts = (this.pending + chunk).split('\n');
    this.pending = parts.pop() ?? '';
    return parts.map(stripCarriageReturn).filter((line) => line.trim() !== '');
  }

  /** The last line when the stream ended without a final newline. */
  end(): string[] {
    const rest = stripCarriageReturn(this.pending);
    this.pending = '';
    return rest.trim() === '' ? [] : [rest];
  }
}

const stripCarriageReturn = (line: string): string => (line.endsWith('\r') ? line.slice(0, -1) : line);

/** One NDJSON line as an operation line; anything else is a protocol error naming the line. */
export function parseOperationLine<Result>(text: string): OperationLine<Result> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new OperationProtocolError(`The server sent a line that is not JSON: ${preview(text)}`);
  }
  if (isRecord(value)) {
    if (value.type === 'progress' && typeof value.message === 'string') {
      return { type: 'progress', message: value.message };
    }
    // The result's shape is the server's contract (api-types.ts); it is trusted, not re-validated.
    if (value.type === 'result' && 'result' in value)
      return { type: 'result', result: value.result as Result };
    if (value.type === 'error' && typeof value.error === 'string' && typeof value.message === 'string') {
      return { type: 'error', error: value.error, message: value.message };
    }
  }
  throw new OperationProtocolError(`The server sent an unexpected line: ${preview(text)}`);
}

const preview = (text: string): string => (text.length > 120 ? `${text.slice(0, 120)}…` : text);

/** What `ReadableStreamDefaultReader<Uint8Array>` offers that the operation reader needs. */
export interface ByteReader {
  read(): Promise<{ readonly done: boolean; readonly value?: Uint8Array }>;
  cancel(): Promise<void>;
}

/**
 * Reads an operation's NDJSON answer to its end: each progress line goes to `onProgress` as it
 * arrives, and the first result or error line is the outcome (the reader is then released).
 */
export async function readOperation<Result>(
  reader: ByteReader,
  onProgress: (message: string) => void,
): Promise<OperationOutcome<Result>> {
  // Streaming decode: a multi-byte character may be split across two chunks.
  const decoder = new TextDecoder();
  const splitter = new LineSplitter();
  const handle = (lines: readonly string[]): OperationOutcome<Result> | undefined => {
    for (const line of lines) {
      const parsed = parseOperationLine<Result>(line);
      if (parsed.type === 'progress') onProgress(parsed.message);
      else return parsed;
    }
    return undefined;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
      const outcome = handle(splitter.push(text)) ?? (done ? handle(splitter.end()) : undefined);
      if (outcome !== undefined) return outcome;
      if (done) throw new OperationProtocolError('The operation ended without a result or an error');
    }
  } finally {
    // Nothing after the outcome is read; cancelling frees the connection. Already-closed is fine.
    await reader.cancel().catch(() => undefined);
  }
}
