import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload, type SourceMapping } from 'node:module';

/**
 * Stack traces that point at the TypeScript, paid for only when one is formatted.
 *
 * Node.js's `--enable-source-maps` reads and indexes a bundle's map as the bundle loads: 10 to
 * 18 ms of every cold start here, for traces that most invocations never print. This hook does
 * the same mapping when V8 first formats a stack: it reads `<bundle>.map` then, and builds the
 * index with Node.js's own `SourceMap` class; nothing of it runs at import. Only the mapping of
 * call sites to positions is written here, because no maintained library does it lazily on top
 * of Node.js's parser (`source-map-support` brings its own parser and has been unmaintained since 2021).
 *
 * Every function bundle starts with this module (esbuild's `inject`, see
 * `infra/constructs/switchyard-function.ts`). Frames outside the bundle, or that the map does not
 * cover, print as V8 prints them; a map that is missing or unreadable leaves every frame so.
 */

type CallSite = NodeJS.CallSite;

/** A mapped range; Node.js also gives the symbol's original name where the map has one (untyped in `@types/node`). */
type Mapping = SourceMapping & { readonly name?: string };

type MapState =
  | { readonly kind: 'unread' }
  | { readonly kind: 'reading' }
  | { readonly kind: 'read'; readonly map: SourceMap | undefined };

/** The bundle this module is part of: esbuild writes a CommonJS bundle, so `__filename` names it. */
const bundleFile = __filename;
let state: MapState = { kind: 'unread' };

const isMapping = (entry: SourceMapping | object): entry is Mapping =>
  'originalSource' in entry && typeof entry.originalSource === 'string';

/** `../../functions/x.ts` as `functions/x.ts`: the map's sources are relative to the asset folder. */
const projectPath = (source: string): string => source.replace(/^(?:\.\.\/)+/, '');

function bundleMap(): SourceMap | undefined {
  if (state.kind === 'read') return state.map;
  // Reading may itself format a stack (a failed read builds an error): that one stays unmapped.
  if (state.kind === 'reading') return undefined;
  state = { kind: 'reading' };
  let map: SourceMap | undefined;
  try {
    map = new SourceMap(JSON.parse(readFileSync(`${bundleFile}.map`, 'utf8')) as SourceMapPayload);
  } catch {
    map = undefined;
  }
  state = { kind: 'read', map };
  return map;
}

function entryAt(map: SourceMap, line: number | null, column: number | null): Mapping | undefined {
  if (line === null || column === null) return undefined;
  const entry = map.findEntry(line - 1, column - 1);
  return isMapping(entry) ? entry : undefined;
}

/** The original name of a frame's function: its definition's name in the map, else V8's. */
function originalName(map: SourceMap, site: CallSite): string | undefined {
  const enclosing = entryAt(map, site.getEnclosingLineNumber(), site.getEnclosingColumnNumber());
  return enclosing?.name ?? site.getFunctionName() ?? undefined;
}

function frame(site: CallSite, map: SourceMap | undefined): string {
  if (map === undefined || site.getFileName() !== bundleFile) return `${site}`;
  const entry = entryAt(map, site.getLineNumber(), site.getColumnNumber());
  if (entry === undefined) return `${site}`;
  const position = `${projectPath(entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  const name = originalName(map, site);
  const prefix = site.isAsync() ? 'async ' : site.isConstructor() ? 'new ' : '';
  return name === undefined ? `${prefix}${position}` : `${prefix}${name} (${position})`;
}

/** A frame as V8 prints it when mapping it fails: a stack is never lost to its formatting. */
function safeFrame(site: CallSite, map: SourceMap | undefined): string {
  try {
    return frame(site, map);
  } catch {
    return `${site}`;
  }
}

/** Formats a stack as V8 does, with the bundle's frames mapped to their sources. */
export function prepareStackTrace(error: Error, sites: readonly CallSite[]): string {
  const header = Error.prototype.toString.call(error);
  if (sites.length === 0) return header;
  let map: SourceMap | undefined;
  try {
    map = sites.some((site) => site.getFileName() === bundleFile) ? bundleMap() : undefined;
  } catch {
    map = undefined;
  }
  return `${header}${sites.map((site) => `\n    at ${safeFrame(site, map)}`).join('')}`;
}

Error.prepareStackTrace = prepareStackTrace;
