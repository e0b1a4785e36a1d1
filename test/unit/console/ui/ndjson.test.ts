import type { RedriveResult } from '../../../../console/api-types';
import {
  type ByteReader,
  LineSplitter,
  OperationProtocolError,
  parseOperationLine,
  readOperation,
} from '../../../../console/ui/lib/ndjson';

/** A reader handing out the given chunks in order, recording whether it was cancelled. */
function readerOf(chunks: readonly (string | Uint8Array)[]): ByteReader & { cancelled: boolean } {
  const queue = chunks.map((chunk) => (typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk));
  const reader = {
    cancelled: false,
    read: () => {
      const value = queue.shift();
      return Promise.resolve(value === undefined ? { done: true } : { done: false, value });
    },
    cancel: () => {
      reader.cancelled = true;
      return Promise.resolve();
    },
  };
  return reader;
}

const line = (value: unknown): string => `${JSON.stringify(value)}\n`;
const result: RedriveResult = { channel: 'tasks', status: 'COMPLETED', moved: 2, toMove: 2 };

describe('NDJSON operation stream', () => {
  it('should hand out a line only once its newline has arrived', () => {
    // Arrange
    const splitter = new LineSplitter();

    // Act
    const first = splitter.push('{"a":');
    const second = splitter.push('1}\n{"b"');
    const third = splitter.push(':2}\r\n\n');

    // Assert
    expect(first).toEqual([]);
    expect(second).toEqual(['{"a":1}']);
    expect(third).toEqual(['{"b":2}']);
  });

  it('should give the last line when the stream ends without a newline', () => {
    // Arrange
    const splitter = new LineSplitter();
    splitter.push('{"a":1}\n{"b":2}');

    // Act
    const rest = splitter.end();

    // Assert
    expect(rest).toEqual(['{"b":2}']);
  });

  it('should report progress as it streams and return the result line', async () => {
    // Arrange
    const progress: string[] = [];
    const text =
      line({ type: 'progress', message: 'Moving 2 messages' }) +
      line({ type: 'progress', message: 'Moved 1 of 2' }) +
      line({ type: 'result', result });
    // Chunks cut at arbitrary places, including inside a line.
    const reader = readerOf([text.slice(0, 7), text.slice(7, 50), text.slice(50)]);

    // Act
    const outcome = await readOperation<RedriveResult>(reader, (message) => progress.push(message));

    // Assert
    expect(progress).toEqual(['Moving 2 messages', 'Moved 1 of 2']);
    expect(outcome).toEqual({ type: 'result', result });
  });

  it('should decode a multi-byte character split across two chunks', async () => {
    // Arrange
    const bytes = new TextEncoder().encode(
      line({ type: 'progress', message: 'Déplacé' }) + line({ type: 'result', result }),
    );
    const cut = bytes.indexOf(0xc3) + 1; // inside the two bytes of "é"
    const progress: string[] = [];

    // Act
    await readOperation(readerOf([bytes.slice(0, cut), bytes.slice(cut)]), (message) =>
      progress.push(message),
    );

    // Assert
    expect(progress).toEqual(['Déplacé']);
  });

  it('should return the error line as the outcome', async () => {
    // Arrange
    const reader = readerOf([line({ type: 'error', error: 'RedriveFailed', message: 'The queue is gone' })]);

    // Act
    const outcome = await readOperation(reader, () => undefined);

    // Assert
    expect(outcome).toEqual({ type: 'error', error: 'RedriveFailed', message: 'The queue is gone' });
  });

  it('should accept a result line the stream ends on without a newline', async () => {
    // Act
    const outcome = await readOperation(
      readerOf([JSON.stringify({ type: 'result', result })]),
      () => undefined,
    );

    // Assert
    expect(outcome).toEqual({ type: 'result', result });
  });

  it('should stop reading at the outcome and release the stream', async () => {
    // Arrange
    const reader = readerOf([line({ type: 'result', result }), line({ type: 'progress', message: 'late' })]);
    const progress: string[] = [];

    // Act
    await readOperation(reader, (message) => progress.push(message));

    // Assert
    expect(progress).toEqual([]);
    expect(reader.cancelled).toBe(true);
  });

  it('should fail when the stream ends without a result or an error', async () => {
    // Arrange
    const reader = readerOf([line({ type: 'progress', message: 'Moving' })]);

    // Act
    const outcome = readOperation(reader, () => undefined);

    // Assert
    await expect(outcome).rejects.toThrow(/ended without a result or an error/);
  });

  it.each([
    ['not JSON', '<html>', /not JSON: <html>/],
    ['an unknown type', '{"type":"done"}', /unexpected line/],
    ['a progress line without a message', '{"type":"progress"}', /unexpected line/],
    ['an error line without a code', '{"type":"error","message":"x"}', /unexpected line/],
  ])('should reject %s', (_case, text, message) => {
    expect(() => parseOperationLine(text)).toThrow(OperationProtocolError);
    expect(() => parseOperationLine(text)).toThrow(message);
  });
});
