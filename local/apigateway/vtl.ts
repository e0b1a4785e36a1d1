/**
 * The slice of Velocity that gateway response templates use: references to `$context.*` and
 * `$stageVariables.*` (plain, `$!` quiet and `${...}` formal forms) and `$util.<fn>(<reference or
 * 'literal'>)`. Directives (`#set`, `#if`, `#foreach`) are not interpreted and stay as text.
 */

/** Flat variable table, keyed like the template writes them: `context.error.messageString`. */
export type VtlVariables = Readonly<Record<string, string>>;

const REFERENCE = String.raw`\$!?(?:\{([A-Za-z][\w.-]*)\}|([A-Za-z]\w*(?:\.[A-Za-z]\w*)*))`;
const UTIL_CALL = String.raw`\$!?util\.(\w+)\(\s*(${REFERENCE}|'[^']*'|"[^"]*")\s*\)`;
const TOKEN = new RegExp(`${UTIL_CALL}|${REFERENCE}`, 'g');
const ROOTS = ['context.', 'stageVariables.'];

/** Velocity's `escapeJavaScript`: what API Gateway documents for `$util.escapeJavaScript`. */
export const escapeJavaScript = (value: string): string =>
  value.replace(/[\\"'\n\r\t\b\f]/g, (character) => {
    switch (character) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      case '\b':
        return '\\b';
      case '\f':
        return '\\f';
      default:
        return `\\${character}`;
    }
  });

const UTIL: Record<string, (value: string) => string> = {
  escapeJavaScript,
  urlEncode: (value) => encodeURIComponent(value),
  urlDecode: (value) => {
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  },
  base64Encode: (value) => Buffer.from(value, 'utf8').toString('base64'),
  base64Decode: (value) => Buffer.from(value, 'base64').toString('utf8'),
};

const lookup = (name: string, variables: VtlVariables): string | undefined => {
  if (!ROOTS.some((root) => name.startsWith(root))) return undefined;
  // API Gateway renders an unset context or stage variable as nothing.
  return variables[name] ?? '';
};

/** Renders `template` in one pass, so substituted values are never re-interpreted. */
export function renderTemplate(template: string, variables: VtlVariables): string {
  return template.replace(
    TOKEN,
    (
      whole: string,
      utilName: string | undefined,
      argument: string | undefined,
      argumentFormal: string | undefined,
      argumentPlain: string | undefined,
      formal: string | undefined,
      plain: string | undefined,
    ) => {
      if (utilName !== undefined && argument !== undefined) {
        const fn = UTIL[utilName];
        if (!fn) return whole;
        const referenced = argumentFormal ?? argumentPlain;
        const value = referenced !== undefined ? lookup(referenced, variables) : argument.slice(1, -1);
        return value === undefined ? whole : fn(value);
      }
      const name = formal ?? plain;
      if (name === undefined) return whole;
      return lookup(name, variables) ?? whole;
    },
  );
}
