import { findPackageManifest, PACKAGE_NAME } from '../../common/package-manifest';

let found: string | undefined;

/**
 * The folder of switchyard's package.json: the project the local cloud synthesizes and whose
 * files (the Lambda worker bootstrap) it loads. Found by walking up from this module, because
 * the code runs from its sources (`local/…`) as well as bundled into `dist/`, at another depth.
 */
export function projectRoot(): string {
  if (found !== undefined) return found;
  const manifest = findPackageManifest(__dirname);
  if (manifest === undefined) throw new Error(`no package.json named ${PACKAGE_NAME} above ${__dirname}`);
  found = manifest.dir;
  return found;
}
