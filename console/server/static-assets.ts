import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export interface StaticAsset {
  readonly contentType: string;
  readonly body: Buffer;
}

/**
 * The built front end, read once at start (a few hundred kilobytes): pages load from memory
 * however busy the runner's disk is, and only files that were in the folder can be served, so
 * no request path can reach outside it.
 */
export function loadStaticAssets(dir: string): ReadonlyMap<string, StaticAsset> {
  const assets = new Map<string, StaticAsset>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const contentType = CONTENT_TYPES[extname(entry.name)];
    if (!entry.isFile() || contentType === undefined) continue;
    assets.set(`/${entry.name}`, { contentType, body: readFileSync(join(dir, entry.name)) });
  }
  if (!assets.has('/index.html')) {
    throw new Error(`the console's front end is not built: no index.html in ${dir} (run \`npm run build\`)`);
  }
  return assets;
}
