import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface EntryPoints {
  build(name: string): void;
  launch(name: string): void;
  staleReason(name: string): string | undefined;
}

// Plain JavaScript loaded as it ships: the launchers run it before anything is compiled.
const { entryPoints } = require('../../../bin/entry-points.cjs') as {
  entryPoints(root: string, entries: Record<string, string>): EntryPoints;
};
const ENTRY_POINTS_MODULE = join(__dirname, '..', '..', '..', 'bin', 'entry-points.cjs');

describe('compiled entry points', () => {
  let root: string;
  let project: EntryPoints;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'switchyard-entry-'));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'greeting.ts'), "export const greeting: string = 'hello';\n");
    writeFileSync(
      join(root, 'src', 'main.ts'),
      "import { greeting } from './greeting';\nconsole.log(greeting);\n",
    );
    project = entryPoints(root, { main: 'src/main.ts' });
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  /** Launches the temporary project's entry point in a process of its own, as a bin script does. */
  const launchInChild = () =>
    spawnSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(ENTRY_POINTS_MODULE)}).entryPoints(process.argv[1], { main: 'src/main.ts' }).launch('main')`,
        root,
      ],
      { encoding: 'utf8' },
    );

  it('should report a bundle that was never built', () => {
    expect(project.staleReason('main')).toBe('not built yet');
  });

  it('should find a fresh build current', () => {
    // Act
    project.build('main');

    // Assert
    expect(project.staleReason('main')).toBeUndefined();
  });

  it('should name an imported source that changed after the build', () => {
    // Arrange
    project.build('main');

    // Act
    writeFileSync(join(root, 'src', 'greeting.ts'), "export const greeting: string = 'hi';\n");

    // Assert
    expect(project.staleReason('main')).toBe('src/greeting.ts changed');
  });

  it('should see a touched source as changed even when its size is the same', () => {
    // Arrange
    project.build('main');
    const later = new Date(Date.now() + 60_000);

    // Act
    utimesSync(join(root, 'src', 'main.ts'), later, later);

    // Assert
    expect(project.staleReason('main')).toBe('src/main.ts changed');
  });

  it('should rebuild a stale bundle before running it and say so on stderr', () => {
    // Arrange
    project.build('main');
    writeFileSync(join(root, 'src', 'greeting.ts'), "export const greeting: string = 'changed';\n");

    // Act
    const first = launchInChild();
    const second = launchInChild();

    // Assert
    expect(first.stdout).toBe('changed\n');
    expect(first.stderr).toMatch(/^main: rebuilt dist\/main\.cjs \(src\/greeting\.ts changed\) in \d+ ms\n$/);
    expect(second.stdout).toBe('changed\n');
    expect(second.stderr).toBe('');
  });
});
