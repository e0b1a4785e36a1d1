import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface ConsoleAssets {
  readonly dir: string;
  build(): string[];
  staleReason(): string | undefined;
  ensureBuilt(): { dir: string; rebuilt: { reason: string; ms: number } | undefined };
}

// Plain JavaScript loaded as it ships: `prepare` runs it before anything is compiled.
const { consoleAssets, consoleAssetsDir } = require('../../../../bin/console-assets.cjs') as {
  consoleAssets(root: string, outDir?: string): ConsoleAssets;
  consoleAssetsDir(root: string): string;
};

const PROJECT_ROOT = join(__dirname, '..', '..', '..', '..');

describe('console assets build', () => {
  describe('from the project sources', () => {
    let outDir: string;
    let outputs: string[];

    beforeAll(() => {
      outDir = join(mkdtempSync(join(tmpdir(), 'switchyard-console-')), 'console');
      outputs = consoleAssets(PROJECT_ROOT, outDir).build();
    });

    afterAll(() => {
      rmSync(join(outDir, '..'), { recursive: true, force: true });
    });

    const read = (name: string): string => readFileSync(join(outDir, name), 'utf8');

    it('should write the page, the script and the stylesheet with their source maps', () => {
      expect(outputs.sort()).toEqual(
        [
          'console.css',
          'console.css.map',
          'console.js',
          'console.js.map',
          'favicon.svg',
          'index.html',
        ].sort(),
      );
      for (const name of outputs) expect(existsSync(join(outDir, name))).toBe(true);
    });

    it('should give index.html no inline script, style or event handler, which the CSP would block', () => {
      // Arrange
      const html = read('index.html');

      // Act
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];

      // Assert
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, body] of scripts) {
        expect(attributes).toMatch(/\bsrc="[^"]+"/);
        expect(body?.trim()).toBe('');
      }
      expect(html).not.toMatch(/<style\b/i);
      expect(html).not.toMatch(/\sstyle\s*=/i);
      expect(html).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    });

    it('should reference only files the build wrote', () => {
      // Act
      const referenced = [...read('index.html').matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);

      // Assert
      expect(referenced).toEqual(expect.arrayContaining(['console.js', 'console.css']));
      for (const file of referenced) expect(outputs).toContain(file);
    });

    it("should include uPlot's stylesheet in console.css", () => {
      expect(read('console.css')).toContain('.uplot');
    });

    it('should minify console.js and link its source map', () => {
      // Arrange
      const script = read('console.js');

      // Assert
      expect(script).toMatch(/\/\/# sourceMappingURL=console\.js\.map\s*$/);
      expect(script.split('\n').length).toBeLessThan(20);
      expect(JSON.parse(read('console.js.map')).sources).toEqual(
        expect.arrayContaining([expect.stringMatching(/console\/ui\/main\.tsx$/)]),
      );
    });

    it('should contain no eval or Function constructor, which the CSP would block', () => {
      expect(read('console.js')).not.toMatch(/\beval\(|new Function\(/);
    });
  });

  describe('freshness', () => {
    let root: string;
    let assets: ConsoleAssets;

    beforeEach(() => {
      // A copy of the UI sources, so the test can change them; the libraries are the project's.
      root = mkdtempSync(join(tmpdir(), 'switchyard-console-root-'));
      mkdirSync(join(root, 'bin'));
      cpSync(join(PROJECT_ROOT, 'console', 'ui'), join(root, 'console', 'ui'), { recursive: true });
      cpSync(join(PROJECT_ROOT, 'console', 'api-types.ts'), join(root, 'console', 'api-types.ts'));
      cpSync(join(PROJECT_ROOT, 'common', 'is-record.ts'), join(root, 'common', 'is-record.ts'));
      cpSync(join(PROJECT_ROOT, 'common', 'error-summary.ts'), join(root, 'common', 'error-summary.ts'));
      cpSync(join(PROJECT_ROOT, 'bin', 'console-assets.cjs'), join(root, 'bin', 'console-assets.cjs'));
      cpSync(join(PROJECT_ROOT, 'tsconfig.json'), join(root, 'tsconfig.json'));
      symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
      assets = consoleAssets(root);
    });

    afterEach(() => {
      rmSync(root, { recursive: true, force: true });
    });

    it('should build into dist/console of the project root', () => {
      expect(assets.dir).toBe(consoleAssetsDir(root));
      expect(consoleAssetsDir(root)).toBe(join(root, 'dist', 'console'));
    });

    it('should report assets that were never built, and build them', () => {
      // Act
      const before = assets.staleReason();
      const state = assets.ensureBuilt();

      // Assert
      expect(before).toBe('not built yet');
      expect(state.rebuilt?.reason).toBe('not built yet');
      expect(existsSync(join(root, 'dist', 'console', 'index.html'))).toBe(true);
      expect(assets.staleReason()).toBeUndefined();
    });

    it('should do nothing when the assets are current', () => {
      // Arrange
      assets.build();

      // Act
      const state = assets.ensureBuilt();

      // Assert
      expect(state).toEqual({ dir: join(root, 'dist', 'console'), rebuilt: undefined });
    });

    it('should name a UI source that changed after the build', () => {
      // Arrange
      assets.build();

      // Act
      writeFileSync(join(root, 'console', 'ui', 'lib', 'format.ts'), '// edited\n', { flag: 'a' });

      // Assert
      expect(assets.staleReason()).toBe('console/ui/lib/format.ts changed');
    });

    it('should see a changed index.html, which no source imports', () => {
      // Arrange
      assets.build();

      // Act
      writeFileSync(join(root, 'console', 'ui', 'index.html'), '\n', { flag: 'a' });

      // Assert
      expect(assets.staleReason()).toBe('console/ui/index.html changed');
    });

    it('should see a stylesheet partial that changed', () => {
      // Arrange
      assets.build();

      // Act
      writeFileSync(join(root, 'console', 'ui', 'styles', 'logs.css'), '\n', { flag: 'a' });

      // Assert
      expect(assets.staleReason()).toBe('console/ui/styles/logs.css changed');
    });

    it('should rebuild when an output was deleted', () => {
      // Arrange
      assets.build();
      rmSync(join(root, 'dist', 'console', 'console.js'));

      // Act
      const state = assets.ensureBuilt();

      // Assert
      expect(state.rebuilt?.reason).toBe('console.js is missing');
      expect(existsSync(join(root, 'dist', 'console', 'console.js'))).toBe(true);
    });

    it('should track each library by its package.json, not file by file', () => {
      // Arrange
      assets.build();

      // Act
      const manifest = JSON.parse(readFileSync(join(root, 'dist', 'console.manifest.json'), 'utf8')) as {
        inputs: Record<string, unknown>;
      };

      // Assert
      const libraries = Object.keys(manifest.inputs).filter((file) => file.includes('node_modules/'));
      expect(libraries.every((file) => file.endsWith('/package.json'))).toBe(true);
      expect(libraries.some((file) => file.endsWith('node_modules/preact/package.json'))).toBe(true);
      expect(libraries.some((file) => file.endsWith('node_modules/uplot/package.json'))).toBe(true);
      expect(libraries.some((file) => file.endsWith('node_modules/@cfworker/json-schema/package.json'))).toBe(
        true,
      );
    });
  });
});
