/*
 * The JSONPath subset EventBridge accepts in InputPath and InputPathsMap: `$`, `.name`,
 * `['name']` / `["name"]` and `[index]`. Parsed by hand because these paths are tiny and a
 * general JSONPath library would accept (and evaluate) expressions AWS rejects.
 */

type Step = string | number;

const DOT_NAME = /^\.([^.[\]]+)/;
const BRACKET_NAME = /^\[\s*(?:'([^']*)'|"([^"]*)")\s*\]/;
const BRACKET_INDEX = /^\[\s*(\d+)\s*\]/;

/** Parses a path into steps, or returns undefined when it is not a path EventBridge accepts. */
export function parseJsonPath(path: string): Step[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const steps: Step[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const dot = DOT_NAME.exec(rest);
    const name = dot ? undefined : BRACKET_NAME.exec(rest);
    const index = dot || name ? undefined : BRACKET_INDEX.exec(rest);
    const match = dot ?? name ?? index;
    if (!match) return undefined;
    if (dot) steps.push(dot[1] as string);
    else if (name) steps.push((name[1] ?? name[2]) as string);
    else steps.push(Number(match[1]));
    rest = rest.slice(match[0].length);
  }
  return steps;
}

/** Reads the value at a path; undefined when the path is invalid or leads nowhere. */
export function readJsonPath(root: unknown, path: string): unknown {
  const steps = parseJsonPath(path);
  if (!steps) return undefined;
  let current: unknown = root;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
    if (current === undefined) return undefined;
  }
  return current;
}
