// Types of console-assets.cjs, for the console server (TypeScript) that locates and rebuilds them.

/** What ensureBuilt did: nothing when the assets were current, else why and how long it rebuilt. */
export interface ConsoleAssetsState {
  /** The folder to serve, absolute. */
  readonly dir: string;
  readonly rebuilt: { readonly reason: string; readonly ms: number } | undefined;
}

export interface ConsoleAssets {
  readonly dir: string;
  /** Bundles the UI into `dir`; returns the files written (relative to `dir`). Throws esbuild's error. */
  build(): string[];
  /** Why the assets are out of date, or undefined when current (a few stat calls). */
  staleReason(): string | undefined;
  /** Rebuilds when stale. */
  ensureBuilt(): ConsoleAssetsState;
}

/** The console assets of the project at `root`, written to `outDir` (default `<root>/dist/console`). */
export function consoleAssets(root: string, outDir?: string): ConsoleAssets;

/** `<root>/dist/console`: the folder the console's static files are served from. */
export function consoleAssetsDir(root: string): string;

/** Makes sure `<root>/dist/console` is current, rebuilding it when a UI source changed. */
export function ensureConsoleAssets(root: string): ConsoleAssetsState;
