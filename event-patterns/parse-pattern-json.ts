import { EventPatternError } from './event-pattern-error';
import type { PatternJson, PatternJsonObject } from './pattern-json';

/*
 * A small JSON reader written by hand because neither `JSON.parse` nor json5 can represent a
 * repeated key, and AWS keeps every occurrence of one (their values are OR-ed). It reports
 * syntax errors in the words of the Jackson parser AWS uses, so callers see the same reason.
 */

const EXPECTING_VALUE =
  "was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')";
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const TOKEN = /[A-Za-z0-9_$'"-]+/y;
const MAX_DEPTH = 1100;

/**
 * Parses the text of an event pattern, keeping repeated keys.
 * @throws EventPatternError when the text is not JSON.
 */
export function parsePatternJson(text: string): PatternJson {
  const reader = new Reader(text);
  reader.skipWhitespace();
  const value = reader.readValue(0);
  reader.skipWhitespace();
  if (!reader.atEnd()) reader.fail(`Unexpected character ${reader.describeCurrent()}: expected end of input`);
  return value;
}

class Reader {
  private pos = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  fail(reason: string): never {
    throw new EventPatternError(reason);
  }

  describeCurrent(): string {
    const char = this.text[this.pos] ?? '';
    return `('${char}' (code ${char.codePointAt(0) ?? -1}))`;
  }

  skipWhitespace(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.pos++;
    }
  }

  readValue(depth: number): PatternJson {
    if (depth > MAX_DEPTH) this.fail('JSON nesting is too deep');
    const char = this.text[this.pos];
    if (char === undefined) this.fail(`Unexpected end-of-input: ${EXPECTING_VALUE}`);
    if (char === '{') return this.readObject(depth);
    if (char === '[') return this.readArray(depth);
    if (char === '"') return this.readString();
    if (char === '-' || (char >= '0' && char <= '9')) return this.readNumber();
    return this.readKeyword();
  }

  private readObject(depth: number): PatternJsonObject {
    this.pos++;
    const entries: Array<readonly [string, PatternJson]> = [];
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { kind: 'object', entries };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') {
        this.fail(
          `Unexpected character ${this.describeCurrent()}: was expecting double-quote to start field name`,
        );
      }
      const key = this.readString();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') {
        this.fail(
          `Unexpected character ${this.describeCurrent()}: was expecting a colon to separate field name and value`,
        );
      }
      this.pos++;
      this.skipWhitespace();
      entries.push([key, this.readValue(depth + 1)]);
      this.skipWhitespace();
      const next = this.text[this.pos];
      this.pos++;
      if (next === '}') return { kind: 'object', entries };
      if (next !== ',') {
        this.pos--;
        this.fail(
          `Unexpected character ${this.describeCurrent()}: was expecting comma to separate Object entries`,
        );
      }
    }
  }

  private readArray(depth: number): PatternJson {
    this.pos++;
    const items: PatternJson[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return { kind: 'array', items };
    }
    for (;;) {
      this.skipWhitespace();
      items.push(this.readValue(depth + 1));
      this.skipWhitespace();
      const next = this.text[this.pos];
      this.pos++;
      if (next === ']') return { kind: 'array', items };
      if (next !== ',') {
        this.pos--;
        this.fail(
          `Unexpected character ${this.describeCurrent()}: was expecting comma to separate Array entries`,
        );
      }
    }
  }

  private readString(): string {
    const start = this.pos;
    let end = start + 1;
    let escaped = false;
    for (;;) {
      const c = this.text.charCodeAt(end);
      if (Number.isNaN(c))
        this.fail('Unexpected end-of-input: was expecting closing quote for a string value');
      if (c === 0x22) break;
      if (c < 0x20) this.fail(`Illegal unquoted character ((CTRL-CHAR, code ${c})): has to be escaped`);
      if (c === 0x5c) {
        escaped = true;
        end++;
      }
      end++;
    }
    this.pos = end + 1;
    const raw = this.text.slice(start, end + 1);
    if (!escaped) return raw.slice(1, -1);
    try {
      // The scan above already checked quoting and control characters; JSON.parse decodes escapes.
      return JSON.parse(raw) as string;
    } catch {
      return this.fail('Unrecognized character escape in a string value');
    }
  }

  private readNumber(): PatternJson {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) return this.readKeyword();
    this.pos += match[0].length;
    return Number(match[0]);
  }

  private readKeyword(): PatternJson {
    TOKEN.lastIndex = this.pos;
    const token = TOKEN.exec(this.text)?.[0] ?? '';
    if (token === 'true' || token === 'false' || token === 'null') {
      this.pos += token.length;
      return token === 'null' ? null : token === 'true';
    }
    if (token === '') this.fail(`Unexpected character ${this.describeCurrent()}: ${EXPECTING_VALUE}`);
    return this.fail(`Unrecognized token '${token}': ${EXPECTING_VALUE}`);
  }
}
