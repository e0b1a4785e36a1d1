'use strict';
// The compiled entry points: each TypeScript entry bundled by esbuild (our own sources only;
// packages stay external) into dist/, built on install by `npm run build` (the `prepare` script).
// Plain JavaScript on purpose: it runs before anything is compiled.
//
// A launcher never runs a stale bundle. Each bundle has a manifest of the sources it was built
// from (size and mtime of each, from esbuild's metafile); a launcher compares them with a few
// stat calls and rebuilds, saying so on stderr, when any differs.

const { mkdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { changedInput, fingerprints, writeAtomically } = require('./source-manifest.cjs');

/** Entry point name -> its TypeScript source, relative to the project root. */
const ENTRY_POINTS = {
  switchyard: 'cli/main.ts',
  'local-cloud': 'local/runner/main.ts',
  'local-services': 'local/services-main.ts',
  openapi: 'infra/openapi/main.ts',
  scenarios: 'scenarios/main.ts',
};

/** Must match the lowest Node.js version package.json's `engines` accepts. */
const NODE_TARGET = 'node20';

/** The build and launch steps for the entry points of the project at `root`. */
function entryPoints(root, entries) {
  const dist = join(root, 'dist');
  const bundlePath = (name) => join(dist, `${name}.cjs`);
  const manifestPath = (name) => join(dist, `${name}.manifest.json`);

  /** Why the bundle cannot be used as it is, or undefined when it is current. */
  function staleReason(name) {
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(manifestPath(name), 'utf8'));
      statSync(bundlePath(name));
    } catch {
      return 'not built yet';
    }
    if (manifest.entry !== entries[name]) return 'built from another entry point';
    return changedInput(root, manifest.inputs);
  }

  /** Bundles one entry point; concurrent builds are safe (each writes aside, then renames). */
  function build(name) {
    const entry = entries[name];
    if (entry === undefined) throw new Error(`unknown entry point ${name}`);
    // esbuild is a dependency (the CDK bundles functions with it), so it is there after --omit=dev.
    const esbuild = require('esbuild');
    const result = esbuild.buildSync({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile: bundlePath(name),
      write: false,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'cjs',
      target: NODE_TARGET,
      // Linked, so loading costs nothing; `NODE_OPTIONS=--enable-source-maps` maps stack traces.
      sourcemap: 'linked',
      sourcesContent: false,
      metafile: true,
      logLevel: 'silent',
    });
    // Paths in the metafile are relative to absWorkingDir, the project root.
    const inputs = fingerprints(root, Object.keys(result.metafile.inputs));
    mkdirSync(dist, { recursive: true });
    writeAtomically([
      ...result.outputFiles.map((output) => ({ path: output.path, contents: output.contents })),
      // The manifest last: a build interrupted before it is seen as stale and done again.
      { path: manifestPath(name), contents: `${JSON.stringify({ entry, inputs }, null, 1)}\n` },
    ]);
  }

  /** Runs an entry point, rebuilding it first when its sources changed since the last build. */
  function launch(name) {
    const reason = staleReason(name);
    if (reason !== undefined) {
      const started = Date.now();
      try {
        build(name);
      } catch (error) {
        process.stderr.write(`${name}: cannot build dist/${name}.cjs (${reason}): ${error.message}\n`);
        process.exit(1);
      }
      process.stderr.write(`${name}: rebuilt dist/${name}.cjs (${reason}) in ${Date.now() - started} ms\n`);
    }
    require(bundlePath(name));
  }

  return { build, launch, staleReason };
}

const project = entryPoints(join(__dirname, '..'), ENTRY_POINTS);

module.exports = { ENTRY_POINTS, entryPoints, ...project };

if (require.main === module) {
  for (const name of Object.keys(ENTRY_POINTS)) project.build(name);
}
