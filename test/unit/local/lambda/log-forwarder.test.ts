import { consoleLogSink, lineLevel } from '../../../../local/lambda/log-forwarder';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('lineLevel', () => {
  it.each([
    ['{"level":"ERROR","message":"x"}', 'stdout', 'ERROR'],
    ['{"message":"x","level":"debug"}', 'stdout', 'DEBUG'],
    ['{"level":"LOUD","message":"x"}', 'stdout', 'INFO'],
    ['plain text', 'stdout', 'INFO'],
    ['plain text', 'stderr', 'WARN'],
  ] as const)('should read %s on %s as %s', (line, stream, level) => {
    expect(lineLevel(line, stream)).toBe(level);
  });
});

describe('consoleLogSink', () => {
  let written: string[];
  let write: jest.SpyInstance;

  beforeEach(() => {
    written = [];
    write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });

  afterEach(() => {
    write.mockRestore();
  });

  it('should write the lines of one turn of the event loop in a single write, in order', async () => {
    // Arrange
    const sink = consoleLogSink({ pretty: false });

    // Act
    sink('Fn', 'stdout', 'one');
    sink('Fn', 'stdout', 'two');
    sink('Other', 'stdout', 'three');
    const beforeTurn = written.length;
    await nextTurn();

    // Assert
    expect(beforeTurn).toBe(0);
    expect(written).toEqual(['[Fn] one\n[Fn] two\n[Other] three\n']);
  });

  it('should drop lines below the minimum level and keep the rest', async () => {
    // Arrange
    const sink = consoleLogSink({ pretty: false, minLevel: 'WARN' });

    // Act
    sink('Fn', 'stdout', '{"level":"DEBUG","message":"noise"}');
    sink('Fn', 'stdout', '{"level":"INFO","message":"routine"}');
    sink('Fn', 'stdout', '{"level":"ERROR","message":"broken"}');
    await nextTurn();

    // Assert
    expect(written).toEqual(['[Fn] {"level":"ERROR","message":"broken"}\n']);
  });
});
