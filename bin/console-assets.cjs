'use strict';
// The local console's browser assets: console/ui bundled by esbuild into dist/console/
// (index.html, console.js, console.css, their source maps, favicon.svg), built on install by the
// `prepare` script and served as static files by the console server.
// Plain JavaScript on purpose, as entry-points.cjs: it runs before anything is compiled.
//
// The server never serves a stale bundle: a manifest beside the output lists the sources it was
// built from (size and mtime of each; one package.json per library, which npm rewrites whenever
// it installs another version), so checking it at start costs a few stat calls, and the server
// rebuilds when one differs.

const { mkdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { changedInput, fingerprints, writeAtomically } = require('./source-manifest.cjs');

/** The UI's sources, relative to the project root. */
const SOURCES = {
  script: 'console/ui/main.tsx',
  style: 'console/ui/styles/console.css',
  tsconfig: 'console/ui/tsconfig.json',
  /** Served as they are. */
  copied: ['console/ui/index.html', 'console/ui/favicon.svg'],
};

/** Browsers the bundle is compiled for: current evergreen ones (the console is a developer tool). */
const BROWSER_TARGETS = ['chrome120', 'firefox121', 'safari17', 'edge120'];

const MANIFEST_VERSION = 1;

/** Where a file read from node_modules is fingerprinted: its package's package.json. */
function trackedFile(file) {
  const match = /^(.*?node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file);
  return match === null ? file : `${match[1]}/package.json`;
}

/**
 * The build and freshness check of the console assets of the project at `root`, written to
 * `outDir` (dist/console by default) with the manifest beside it, not in it, so it is not served.
 */
function consoleAssets(root, outDir = consoleAssetsDir(root)) {
  const manifestPath = `${outDir}.manifest.json`;

  /** Why the assets cannot be served as they are, or undefined when they are current. */
  function staleReason() {
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    } catch {
      return 'not built yet';
    }
    if (manifest.version !== MANIFEST_VERSION) return 'built by another version of this script';
    for (const output of manifest.outputs) {
      try {
        statSync(join(outDir, output));
      } catch {
        return `${output} is missing`;
      }
    }
    return changedInput(root, manifest.inputs);
  }

  /** Bundles the UI; concurrent builds are safe (each file is written aside, then renamed). */
  function build() {
    // esbuild is a dependency (the CDK bundles functions with it), so it is there after --omit=dev.
    const esbuild = require('esbuild');
    const result = esbuild.buildSync({
      absWorkingDir: root,
      entryPoints: [
        { in: SOURCES.script, out: 'console' },
        { in: SOURCES.style, out: 'console' },
      ],
      outdir: outDir,
      write: false,
      bundle: true,
      minify: true,
      platform: 'browser',
      format: 'iife',
      target: BROWSER_TARGETS,
      tsconfig: SOURCES.tsconfig,
      jsx: 'automatic',
      jsxImportSource: 'preact',
      // Linked: the browser fetches the map only when the developer tools are open.
      sourcemap: 'linked',
      sourcesContent: true,
      legalComments: 'linked',
      metafile: true,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    // Paths in the metafile are relative to absWorkingDir, the project root.
    const inputs = fingerprints(root, [
      ...Object.keys(result.metafile.inputs).map(trackedFile),
      ...SOURCES.copied,
      SOURCES.tsconfig,
      'bin/console-assets.cjs',
    ]);
    const files = [
      ...result.outputFiles.map((output) => ({ path: output.path, contents: output.contents })),
      ...SOURCES.copied.map((file) => ({
        path: join(outDir, file.slice(file.lastIndexOf('/') + 1)),
        contents: readFileSync(join(root, file)),
      })),
    ];
    const outputs = files.map((file) => file.path.slice(outDir.length + 1));
    mkdirSync(outDir, { recursive: true });
    // The manifest last: a build interrupted before it is seen as stale and done again.
    writeAtomically([
      ...files,
      {
        path: manifestPath,
        contents: `${JSON.stringify({ version: MANIFEST_VERSION, outputs, inputs }, null, 1)}\n`,
      },
    ]);
    return outputs;
  }

  /** Rebuilds when stale; what was done, for the caller to report. */
  function ensureBuilt() {
    const reason = staleReason();
    if (reason === undefined) return { dir: outDir, rebuilt: undefined };
    const started = Date.now();
    build();
    return { dir: outDir, rebuilt: { reason, ms: Date.now() - started } };
  }

  return { dir: outDir, build, staleReason, ensureBuilt };
}

/** The folder the console's static files are served from. */
function consoleAssetsDir(root) {
  return join(root, 'dist', 'console');
}

/** Makes sure dist/console is current, rebuilding it (a few hundred ms) when a UI source changed. */
function ensureConsoleAssets(root) {
  return consoleAssets(root).ensureBuilt();
}

module.exports = { consoleAssets, consoleAssetsDir, ensureConsoleAssets };

if (require.main === module) {
  const root = join(__dirname, '..');
  const started = Date.now();
  const outputs = consoleAssets(root).build();
  process.stdout.write(
    `console assets: ${outputs.length} files in dist/console (${Date.now() - started} ms)\n`,
  );
}
