import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePrivateDir, writePrivateJson } from '../../../../local/platform/private-files';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('private local files', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'switchyard-private-'));
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('should create the data folder, and its missing parents, readable by the owner only', () => {
    // Act
    ensurePrivateDir(join(root, 'a', 'state'));

    // Assert
    expect(modeOf(join(root, 'a', 'state'))).toBe(0o700);
  });

  it('should tighten an existing folder that others could read', () => {
    // Arrange
    const dir = join(root, 'state');
    mkdirSync(dir);
    chmodSync(dir, 0o755);

    // Act
    ensurePrivateDir(dir);

    // Assert
    expect(modeOf(dir)).toBe(0o700);
  });

  it('should write the file 0600 in one piece and leave nothing beside it', () => {
    // Act
    writePrivateJson(join(root, 'endpoints.json'), { secretAccessKey: 'test' });

    // Assert
    expect(modeOf(join(root, 'endpoints.json'))).toBe(0o600);
    expect(JSON.parse(readFileSync(join(root, 'endpoints.json'), 'utf8'))).toEqual({
      secretAccessKey: 'test',
    });
    expect(readdirSync(root)).toEqual(['endpoints.json']);
  });

  it('should make a file an older run left world-readable private when it rewrites it', () => {
    // Arrange
    const file = join(root, 'endpoints.json');
    writeFileSync(file, '{}', { mode: 0o644 });
    writeFileSync(`${file}.${process.pid}.tmp`, 'left by a crash', { mode: 0o644 });

    // Act
    writePrivateJson(file, { apiUrl: 'http://127.0.0.1:3000/prod' });

    // Assert
    expect(modeOf(file)).toBe(0o600);
  });
});
