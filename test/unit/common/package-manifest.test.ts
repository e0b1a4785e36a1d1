import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findPackageManifest } from '../../../common/package-manifest';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');

describe('findPackageManifest', () => {
  let root: string;

  const writeManifest = (dir: string, content: string | object): void => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), typeof content === 'string' ? content : JSON.stringify(content));
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'switchyard-manifest-'));
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('should walk up from a nested folder past other and unreadable package.json files', () => {
    // Arrange: as in an installed bundle, dist/ sits below the package, inside another package
    writeManifest(root, { name: 'switchyard', version: '1.2.3' });
    writeManifest(join(root, 'node_modules', 'other'), { name: 'other', version: '9.9.9' });
    writeManifest(join(root, 'node_modules', 'other', 'lib'), '{ not json');
    const start = join(root, 'node_modules', 'other', 'lib', 'dist');
    mkdirSync(start);

    // Act
    const manifest = findPackageManifest(start);

    // Assert
    expect(manifest).toEqual({ dir: root, version: '1.2.3' });
  });

  it('should take the nearest package.json named switchyard, starting with the folder itself', () => {
    // Arrange
    writeManifest(root, { name: 'switchyard', version: '1.0.0' });
    writeManifest(join(root, 'inner'), { name: 'switchyard', version: '2.0.0' });

    // Act
    const fromInner = findPackageManifest(join(root, 'inner'));

    // Assert
    expect(fromInner).toEqual({ dir: join(root, 'inner'), version: '2.0.0' });
  });

  it('should report a missing version as undefined', () => {
    // Arrange
    writeManifest(root, { name: 'switchyard', version: 1 });

    // Act
    const manifest = findPackageManifest(root);

    // Assert
    expect(manifest).toEqual({ dir: root, version: undefined });
  });

  it('should be undefined when no package.json up to the root is named switchyard', () => {
    // Arrange
    writeManifest(root, { name: 'other', version: '1.0.0' });
    mkdirSync(join(root, 'a', 'b'), { recursive: true });

    // Act
    const manifest = findPackageManifest(join(root, 'a', 'b'));

    // Assert
    expect(manifest).toBeUndefined();
  });

  it('should find the repository from its sources', () => {
    // Act
    const manifest = findPackageManifest(join(REPO_ROOT, 'common'));

    // Assert
    expect(manifest?.dir).toBe(REPO_ROOT);
  });
});
