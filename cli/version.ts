import { dirname } from 'node:path';
import { findPackageManifest } from '../common/package-manifest';

/**
 * The version of the switchyard package, read at run time from the nearest package.json named
 * `switchyard` above `fromDir` (by default this module's folder: `cli/` in the sources, `dist/`
 * once bundled). Undefined when none is found.
 */
export function packageVersion(fromDir: string = __dirname): string | undefined {
  let manifest = findPackageManifest(fromDir);
  // One without a version does not end the search: a package.json further up may have one.
  while (manifest !== undefined && manifest.version === undefined) {
    const parent = dirname(manifest.dir);
    manifest = parent === manifest.dir ? undefined : findPackageManifest(parent);
  }
  return manifest?.version;
}
