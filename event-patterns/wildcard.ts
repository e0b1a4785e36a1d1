import { EventPatternError } from './event-pattern-error';
import type { ValuePredicate } from './value-predicate';

/*
 * AWS rejects wildcard patterns it considers too costly to evaluate without publishing the
 * exact measure. This emulation approximates it with a cap on the number of `*` characters:
 * it accepts the documented examples (two wildcards in an ARN) and rejects the pattern AWS
 * rejects in the conformance suite (six wildcards).
 */
const MAX_WILDCARDS = 5;

/**
 * Compiles an AWS wildcard pattern: `*` matches any run of characters (including none),
 * `\*` a literal star and `\\` a literal backslash.
 * @throws EventPatternError for consecutive wildcards, bad escapes or too many wildcards.
 */
export function compileWildcard(pattern: string): ValuePredicate {
  const segments = splitWildcard(pattern);
  if (segments.length - 1 > MAX_WILDCARDS) {
    throw new EventPatternError(
      'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character',
    );
  }
  if (segments.length === 1) {
    const exact = segments[0] ?? '';
    return (value) => value === exact;
  }
  return (value) => typeof value === 'string' && globMatches(segments, value);
}

/** Splits on unescaped `*`, so the pieces between wildcards are literal text. */
function splitWildcard(pattern: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      const next = pattern[i + 1];
      if (next !== '*' && next !== '\\') throw new EventPatternError(`Invalid escape character at pos ${i}`);
      current += next;
      i++;
    } else if (char === '*') {
      if (pattern[i + 1] === '*')
        throw new EventPatternError(`Consecutive wildcard characters at pos ${i + 1}`);
      segments.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  segments.push(current);
  return segments;
}

/**
 * With only `*` wildcards, taking the leftmost occurrence of each middle segment never loses a
 * match, so this runs in linear passes instead of backtracking like a regular expression could.
 */
function globMatches(segments: readonly string[], value: string): boolean {
  const first = segments[0] ?? '';
  const last = segments[segments.length - 1] ?? '';
  if (value.length < first.length + last.length) return false;
  if (!value.startsWith(first) || !value.endsWith(last)) return false;
  let position = first.length;
  const limit = value.length - last.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i] ?? '';
    const found = value.indexOf(segment, position);
    if (found === -1 || found + segment.length > limit) return false;
    position = found + segment.length;
  }
  return true;
}
