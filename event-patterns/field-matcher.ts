import { compileAnythingBut } from './anything-but';
import { compileCidr } from './cidr';
import { EventPatternError } from './event-pattern-error';
import type { LeafValue } from './flatten-event';
import { compileNumericRange } from './numeric-range';
import { isPatternObject, type PatternJson, type PatternJsonObject } from './pattern-json';
import { equalsIgnoreCasePredicate, prefixPredicate, suffixPredicate } from './string-predicates';
import type { ValuePredicate } from './value-predicate';
import type { ValueTerm } from './value-term';
import { compileWildcard } from './wildcard';

const ANY_VALUE: ValuePredicate = () => true;

/**
 * Everything a pattern accepts at one field path: the OR of the values and operators listed in
 * its array (and in repeated keys for the same path). Exact values go into sets so that long
 * value lists cost one lookup; operators are compiled predicates.
 */
export class FieldMatcher {
  private readonly strings = new Set<string>();
  private readonly numbers = new Set<number>();
  private readonly scalars = new Set<boolean | null>();
  private readonly predicates: ValuePredicate[] = [];
  private existsFalse = false;
  // Kept beside the sets and predicates so a rule set can index this field across many rules.
  private readonly valueTerms: ValueTerm[] = [];

  /** True when the field's absence satisfies the pattern (`{"exists": false}`). */
  get matchesAbsent(): boolean {
    return this.existsFalse;
  }

  /** What a present scalar may match: `test` is true exactly when one of these accepts it. */
  get terms(): readonly ValueTerm[] {
    return this.valueTerms;
  }

  /** True when a scalar present at the path satisfies any listed value or operator. */
  test(value: LeafValue): boolean {
    if (typeof value === 'string') {
      if (this.strings.has(value)) return true;
    } else if (typeof value === 'number') {
      // JSON numbers compare by value, so 3.0 in an event equals 3 in a pattern.
      if (this.numbers.has(value)) return true;
    } else if (this.scalars.has(value)) {
      return true;
    }
    for (const predicate of this.predicates) {
      if (predicate(value)) return true;
    }
    return false;
  }

  /**
   * Adds the items of a pattern array (`["a", 1, {"prefix": "x"}]`).
   * @throws EventPatternError for an empty array or an invalid item.
   */
  addAll(items: readonly PatternJson[]): void {
    if (items.length === 0) throw new EventPatternError('Empty arrays are not allowed');
    for (const item of items) this.add(item);
  }

  private add(item: PatternJson): void {
    if (isPatternObject(item)) {
      this.addOperator(item);
      return;
    }
    if (typeof item === 'string') this.strings.add(item);
    else if (typeof item === 'number') this.numbers.add(item);
    else if (typeof item === 'boolean' || item === null) this.scalars.add(item);
    else throw new EventPatternError('Match value must be String, number, true, false, or null');
    this.valueTerms.push({ kind: 'exact', value: item });
  }

  private addTest(accepts: 'string' | 'number' | 'any', test: ValuePredicate): void {
    this.predicates.push(test);
    this.valueTerms.push({ kind: 'test', accepts, test });
  }

  private addOperator(expression: PatternJsonObject): void {
    const first = expression.entries[0];
    if (!first) throw new EventPatternError('Empty objects are not allowed');
    const [operator, operand] = first;
    if (expression.entries.length > 1 && isKnownOperator(operator)) {
      throw new EventPatternError('Only one key allowed in match expression');
    }
    switch (operator) {
      case 'prefix':
      case 'suffix': {
        const affix = affixOf(operator, operand);
        const build = operator === 'prefix' ? prefixPredicate : suffixPredicate;
        this.predicates.push(build(affix.text, affix.ignoreCase));
        this.valueTerms.push({
          kind: operator,
          text: affix.ignoreCase ? affix.text.toLowerCase() : affix.text,
          ignoreCase: affix.ignoreCase,
        });
        return;
      }
      case 'equals-ignore-case':
        if (typeof operand !== 'string') {
          throw new EventPatternError('equals-ignore-case match pattern must be a string');
        }
        this.predicates.push(equalsIgnoreCasePredicate(operand));
        this.valueTerms.push({ kind: 'equals-ignore-case', folded: operand.toLowerCase() });
        return;
      case 'wildcard':
        if (typeof operand !== 'string')
          throw new EventPatternError('wildcard match pattern must be a string');
        this.addTest('string', compileWildcard(operand));
        return;
      case 'anything-but':
        this.addTest('any', compileAnythingBut(operand));
        return;
      case 'numeric':
        this.addTest('number', compileNumericRange(operand));
        return;
      case 'cidr':
        // AWS answers a non-string CIDR with the prefix message; kept so callers see the same text.
        if (typeof operand !== 'string') throw new EventPatternError('prefix match pattern must be a string');
        this.addTest('string', compileCidr(operand));
        return;
      case 'exists':
        if (typeof operand !== 'boolean') {
          throw new EventPatternError('exists match pattern must be either true or false.');
        }
        if (operand) {
          this.predicates.push(ANY_VALUE);
          this.valueTerms.push({ kind: 'present' });
        } else {
          this.existsFalse = true;
        }
        return;
      default:
        throw new EventPatternError(`Unrecognized match type ${operator}`);
    }
  }
}

const OPERATORS = new Set([
  'prefix',
  'suffix',
  'equals-ignore-case',
  'wildcard',
  'anything-but',
  'numeric',
  'cidr',
  'exists',
]);

function isKnownOperator(operator: string): boolean {
  return OPERATORS.has(operator);
}

/** `prefix` / `suffix`: a string, or `{"equals-ignore-case": string}` for the case-insensitive form. */
function affixOf(
  operator: 'prefix' | 'suffix',
  operand: PatternJson,
): { readonly text: string; readonly ignoreCase: boolean } {
  if (typeof operand === 'string') return { text: operand, ignoreCase: false };
  if (isPatternObject(operand) && operand.entries.length === 1) {
    const [inner, text] = operand.entries[0] as readonly [string, PatternJson];
    if (inner === 'equals-ignore-case' && typeof text === 'string') return { text, ignoreCase: true };
  }
  throw new EventPatternError(`${operator} match pattern must be a string`);
}
