'use strict';
// What the two builds run before anything is compiled share (entry-points.cjs for the node entry
// points, console-assets.cjs for the console's front end): a manifest of the sources a build was
// made from, so a start can tell a current build by a few stat calls, and writing a build's
// files so that no reader ever sees half of one.
// Plain JavaScript on purpose, as both of them.

const { renameSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

/** Size and mtime of `file` (relative to `root`): what the manifest records of each source. */
function fingerprint(root, file) {
  const stats = statSync(join(root, file));
  return { size: stats.size, mtimeMs: stats.mtimeMs };
}

/** The fingerprints of `files`, for a manifest's `inputs`. */
function fingerprints(root, files) {
  const inputs = {};
  for (const file of new Set(files)) inputs[file] = fingerprint(root, file);
  return inputs;
}

/** The first recorded source that is gone or changed since, in words; undefined when none is. */
function changedInput(root, inputs) {
  for (const [file, recorded] of Object.entries(inputs)) {
    let current;
    try {
      current = fingerprint(root, file);
    } catch {
      return `${file} is gone`;
    }
    if (current.size !== recorded.size || current.mtimeMs !== recorded.mtimeMs) return `${file} changed`;
  }
  return undefined;
}

/**
 * Writes `files` ({ path, contents }) each aside first, then renames them all into place, so
 * concurrent builds are safe and a reader sees the old file or the new one. Put the manifest
 * last: a build interrupted before it is seen as stale and done again.
 */
function writeAtomically(files) {
  const suffix = `.${process.pid}.tmp`;
  for (const file of files) writeFileSync(file.path + suffix, file.contents);
  for (const file of files) renameSync(file.path + suffix, file.path);
}

module.exports = { changedInput, fingerprints, writeAtomically };
