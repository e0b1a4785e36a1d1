import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFlags, portFlag, UsageError } from '../../../../local/platform/command-line';
import { resetDataDir } from '../../../../local/platform/data-dir';

describe('the local entry points’ command line', () => {
  it('should take ports from 0 to 65535 and default when absent', () => {
    expect(portFlag('--port', undefined, 3000)).toBe(3000);
    expect(portFlag('--port', '0', 3000)).toBe(0);
    expect(portFlag('--port', '65535', 3000)).toBe(65_535);
  });

  it.each(['65536', '-1', '80.5', 'http', ''])('should refuse port %j, naming the flag', (value) => {
    expect(() => portFlag('--aws-port', value, 4566)).toThrow(
      new UsageError(`--aws-port must be an integer from 0 to 65535 (given ${value})`),
    );
  });

  it('should turn unknown flags and stray arguments into usage errors', () => {
    const options = { port: { type: 'string' } } as const;
    expect(parseFlags(['--port', '1'], options)).toEqual({ port: '1' });
    expect(() => parseFlags(['--prot', '1'], options)).toThrow(UsageError);
    expect(() => parseFlags(['start'], options)).toThrow(UsageError);
  });
});

describe('--reset', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchyard-reset-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should clear a folder holding only local state, leftovers of atomic writes included', () => {
    // Arrange
    for (const file of [
      'sqs.db',
      'sqs.db-wal',
      'eventbridge.db',
      'endpoints.json',
      'endpoints.json.123.tmp',
    ]) {
      writeFileSync(join(dataDir, file), '');
    }
    mkdirSync(join(dataDir, 'dynamodb'));

    // Act
    resetDataDir(dataDir);

    // Assert
    expect(() => readdirSync(dataDir)).toThrow(/ENOENT/);
  });

  it('should refuse, touching nothing, when the folder holds files it did not create', () => {
    // Arrange
    writeFileSync(join(dataDir, 'sqs.db'), '');
    writeFileSync(join(dataDir, 'thesis.docx'), 'years of work');

    // Act
    const reset = () => resetDataDir(dataDir);

    // Assert
    expect(reset).toThrow(UsageError);
    expect(reset).toThrow(
      /--reset refuses to clear .*: it holds files the local cloud did not create \(thesis\.docx\)/,
    );
    expect(readdirSync(dataDir).sort()).toEqual(['sqs.db', 'thesis.docx']);
  });

  it('should do nothing for a folder that does not exist', () => {
    expect(() => resetDataDir(join(dataDir, 'never-made'))).not.toThrow();
  });
});
