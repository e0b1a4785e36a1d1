// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the fixture is TypeScript source text that holds a template literal.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { SOURCE_MAP_HOOK } from '../../../../infra/constructs/switchyard-function';

/**
 * A module whose `settle` throws from a method, three lines apart from its caller, and whose
 * `load` makes Node.js throw one of its own coded errors from an arrow function.
 */
const FIXTURE = [
  'class Ledger {',
  '  constructor(private readonly limit: number) {}',
  '  charge(amount: number): number {',
  '    if (amount > this.limit) throw new RangeError(`over the limit by ${amount - this.limit}`);',
  '    return amount;',
  '  }',
  '}',
  'export function settle(amount: number): number {',
  '  return new Ledger(10).charge(amount);',
  '}',
  "import { join } from 'node:path';",
  'const joinPath = (path: unknown): string => join(path as string);',
  'export function load(): string {',
  '  return joinPath(42);',
  '}',
  '',
].join('\n');

/** Runs `script` in a fresh Node.js with `bundle` as `./bundle.js`; returns what it printed. */
function runWithBundle(dir: string, script: string): string {
  const run = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the script failed: ${run.stderr}`);
  return run.stdout;
}

const PRINT_STACK = "try { require('./bundle.js').settle(11) } catch (error) { console.log(error.stack) }";

describe('lazy source maps', () => {
  let dir: string;

  beforeEach(() => {
    // Built as the functions are: minified, maps without sources, the hook injected.
    dir = mkdtempSync(join(tmpdir(), 'switchyard-source-maps-'));
    writeFileSync(join(dir, 'ledger.ts'), FIXTURE);
    buildSync({
      entryPoints: [join(dir, 'ledger.ts')],
      outfile: join(dir, 'bundle.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      minify: true,
      sourcemap: true,
      sourcesContent: false,
      inject: [SOURCE_MAP_HOOK],
      logLevel: 'silent',
    });
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('should point the bundle’s frames at the TypeScript, with its names', () => {
    // Act
    const stack = runWithBundle(dir, PRINT_STACK);

    // Assert
    const lines = stack.trim().split('\n');
    expect(lines[0]).toBe('RangeError: over the limit by 1');
    expect(lines[1]).toBe('    at charge (ledger.ts:4:36)');
    // `settle` is called from outside the bundle and starts with `function`: no name in the map.
    expect(lines[2]).toMatch(/^ {4}at \S+ \(ledger\.ts:9:25\)$/);
    // The caller's frame is outside the bundle and prints as V8 prints it.
    expect(lines[3]).toMatch(/^ {4}at .*\[eval\]/);
  });

  it('should keep the code in a Node.js error’s first line, and name an arrow function by its caller', () => {
    // Act
    const stack = runWithBundle(
      dir,
      "try { require('./bundle.js').load() } catch (error) { console.log(error.stack) }",
    );

    // Assert
    const lines = stack.trim().split('\n');
    expect(lines[0]).toMatch(
      /^TypeError \[ERR_INVALID_ARG_TYPE\]: The "path" argument must be of type string/,
    );
    expect(lines[1]).toMatch(/^ {4}at join \(node:path:\d+:\d+\)$/);
    // Not `path`, the name of its parameter, which is where the minified arrow function starts.
    expect(lines[2]).toBe('    at joinPath (ledger.ts:12:45)');
  });

  it('should not read the map until a stack is formatted', () => {
    // Act: the map is gone after the import and before the first stack.
    const stack = runWithBundle(
      dir,
      `const bundle = require('./bundle.js'); require('node:fs').rmSync('bundle.js.map');
       try { bundle.settle(11) } catch (error) { console.log(error.stack) }`,
    );

    // Assert: still a whole stack, with the bundle's own positions.
    const lines = stack.trim().split('\n');
    expect(lines[0]).toBe('RangeError: over the limit by 1');
    expect(lines[1]).toMatch(/bundle\.js:\d+:\d+\)$/);
  });

  it('should leave every frame as V8 prints it when the map is unreadable', () => {
    // Arrange
    writeFileSync(join(dir, 'bundle.js.map'), '{ not a map');

    // Act
    const stack = runWithBundle(dir, PRINT_STACK);

    // Assert
    expect(stack).toContain('RangeError: over the limit by 1');
    expect(stack).toMatch(/at \S+ \(.*bundle\.js:\d+:\d+\)/);
    expect(stack).not.toContain('ledger.ts');
  });
});
