import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload, type SourceMapping } from 'node:module';

/**
 * Stack traces that point at the TypeScript, paid for only when one is formatted.
 *
 * Node.js's `--enable-source-maps` reads and parses a bundle's map as the bundle loads: 16 to
 * 20 ms of `submit-task`'s cold import here, for traces that most invocations never print. This
 * hook reads `<bundle>.map` when V8 first formats a stack with a frame of the bundle, and indexes
 * it with Node.js's own `SourceMap` class; nothing of it runs at import. That first trace costs
 * what Node.js's own mapping costs on its first trace too: for `submit-task`, about 3 ms to read
 * the map and 40 ms to index it, and the index keeps about 9 MB of heap. Only the mapping of
 * call sites to positions is written here, because no maintained library does it lazily on top
 * of Node.js's parser (`source-map-support` brings its own and has had no release since 2021).
 *
 * Every function bundle starts with this module (esbuild's `inject`, see
 * `infra/constructs/switchyard-function.ts`). The first line is Node.js's own (an error's code
 * included); frames outside the bundle, or that the map does not cover, print as V8 prints them.
 * A missing or malformed map leaves every frame so for good; another failure to read it is tried
 * again on the next stack.
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

/** A map that is missing or not JSON stays so; any other failure (say, a stack too deep) may pass. */
const isLastingFailure = (error: unknown): boolean =>
  error instanceof SyntaxError || (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

function bundleMap(): SourceMap | undefined {
  if (state.kind === 'read') return state.map;
  // Reading may itself format a stack (a failed read builds an error): that one stays unmapped.
  if (state.kind === 'reading') return undefined;
  state = { kind: 'reading' };
  try {
    const map = new SourceMap(JSON.parse(readFileSync(`${bundleFile}.map`, 'utf8')) as SourceMapPayload);
    state = { kind: 'read', map };
    return map;
  } catch (error) {
    state = isLastingFailure(error) ? { kind: 'read', map: undefined } : { kind: 'unread' };
    return undefined;
  }
}

function entryAt(map: SourceMap, line: number | null, column: number | null): Mapping | undefined {
  if (line === null || column === null) return undefined;
  const entry = map.findEntry(line - 1, column - 1);
  return isMapping(entry) ? entry : undefined;
}

/**
 * The original name of a frame's function, as far as the map tells it: the name its caller's
 * call site has (`requireText(…)` names `requireText`, `.charge(…)` names `charge`), else the
 * name mapped exactly where the function starts (a method's), else V8's, which is the minified
 * one. A single-parameter arrow function starts at its parameter, so a start's name is the
 * second choice.
 */
function originalName(map: SourceMap, site: CallSite, caller: CallSite | undefined): string | undefined {
  if (caller !== undefined && caller.getFileName() === bundleFile) {
    const callSite = entryAt(map, caller.getLineNumber(), caller.getColumnNumber());
    if (callSite?.name !== undefined) return callSite.name;
  }
  const line = site.getEnclosingLineNumber();
  const column = site.getEnclosingColumnNumber();
  const start = entryAt(map, line, column);
  const exact = start?.generatedLine === (line ?? 0) - 1 && start?.generatedColumn === (column ?? 0) - 1;
  if (exact && start?.name !== undefined) return start.name;
  return site.getFunctionName() ?? undefined;
}

function frame(site: CallSite, caller: CallSite | undefined, map: SourceMap | undefined): string {
  if (map === undefined || site.getFileName() !== bundleFile) return `${site}`;
  const entry = entryAt(map, site.getLineNumber(), site.getColumnNumber());
  if (entry === undefined) return `${site}`;
  const position = `${projectPath(entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  const name = originalName(map, site, caller);
  const prefix = site.isAsync() ? 'async ' : site.isConstructor() ? 'new ' : '';
  return name === undefined ? `${prefix}${position}` : `${prefix}${name} (${position})`;
}

/** A frame as V8 prints it when mapping it fails: a stack is never lost to its formatting. */
function safeFrame(site: CallSite, caller: CallSite | undefined, map: SourceMap | undefined): string {
  try {
    return frame(site, caller, map);
  } catch {
    return `${site}`;
  }
}

/**
 * Node.js's own formatter, where it exposes one (22 and later, so Lambda's runtime): it writes
 * the first line as Node.js does, with an error's code (`TypeError [ERR_INVALID_ARG_TYPE]: …`).
 */
const nodeFormatter = Error.prepareStackTrace;

/** The first line of a stack: Node.js's own where it has one, else V8's. */
function header(error: Error): string {
  if (nodeFormatter !== undefined) {
    try {
      return String(nodeFormatter(error, []));
    } catch {
      // Fall back to V8's form below.
    }
  }
  return Error.prototype.toString.call(error);
}

/** Formats a stack as Node.js does, with the bundle's frames mapped to their sources. */
export function prepareStackTrace(error: Error, sites: readonly CallSite[]): string {
  const first = header(error);
  if (sites.length === 0) return first;
  let map: SourceMap | undefined;
  try {
    map = sites.some((site) => site.getFileName() === bundleFile) ? bundleMap() : undefined;
  } catch {
    map = undefined;
  }
  return `${first}${sites.map((site, index) => `\n    at ${safeFrame(site, sites[index + 1], map)}`).join('')}`;
}

Error.prepareStackTrace = prepareStackTrace;
