import { LambdaRuntime, prettyLogLine } from '../../../../local/lambda';
import { fixtureFunction } from './support/fixture-function';

describe('function logs', () => {
  it('should stream each line a function writes to the sink with the function name', async () => {
    // Arrange
    const lines: Array<[string, string, string]> = [];
    const runtime = new LambdaRuntime({
      endpointUrl: 'http://127.0.0.1:4566',
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      logSink: (name, stream, line) => lines.push([name, stream, line]),
    });
    runtime.register(fixtureFunction('cjs', { name: 'logger' }));

    try {
      // Act
      await runtime.invoke('logger', { action: 'log', message: 'hello from the handler' });

      // Assert
      await new Promise((resolve) => setImmediate(resolve));
      expect(lines).toContainEqual([
        'logger',
        'stdout',
        '{"level":"INFO","message":"hello from the handler"}',
      ]);
      expect(lines).toContainEqual(['logger', 'stderr', 'a warning line']);
    } finally {
      await runtime.stop();
    }
  });

  it('should render a structured log line readably for a terminal', () => {
    // Act
    const line = prettyLogLine(
      '{"level":"WARN","message":"Task failed and will be retried","timestamp":"2026-11-29T15:00:00.123Z","service":"task-worker","taskId":"t-1"}',
    );

    // Assert
    const colors = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
    const plain = line.replace(colors, '');
    expect(plain).toBe('15:00:00.123Z WARN  Task failed and will be retried {"taskId":"t-1"}');
  });

  it('should leave a line that is not JSON as it is', () => {
    // Act & Assert
    expect(prettyLogLine('plain text {not json')).toBe('plain text {not json');
  });
});
