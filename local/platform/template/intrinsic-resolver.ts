import { UnsupportedTemplateError } from '../unsupported-template-error';
import { type CfnTemplate, isRecord } from './template-types';

/** What intrinsic functions resolve against: the local stack's identity and its resources' values. */
export interface IntrinsicScope {
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
  readonly urlSuffix: string;
  readonly stackName: string;
  readonly stackId: string;
  /** `Ref` of a resource; throws `UnsupportedTemplateError` naming the resource when it has none locally. */
  ref(logicalId: string): unknown;
  /** `Fn::GetAtt`; throws `UnsupportedTemplateError` for an attribute with no local value. */
  getAtt(logicalId: string, attribute: string): unknown;
}

/**
 * How the resolver treats a value it cannot resolve locally.
 * - `strict` throws `UnsupportedTemplateError` at the first one: what runs never holds a guess.
 * - `lenient` records the problem, puts `UNRESOLVED` in the value's place and goes on, so one
 *   pass over a template can name every problem in it. Its values are never run.
 */
export type ResolutionMode = 'strict' | 'lenient';

/** What a lenient resolver puts where a value could not be resolved. */
export const UNRESOLVED = '<unresolved>';

/** Stands for `AWS::NoValue` until the enclosing object or list drops it. */
const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/**
 * Resolves CloudFormation intrinsic functions to the local stack's names, ARNs and URLs:
 * Ref, Fn::GetAtt, Fn::Join, Fn::Sub (both forms), Fn::Select, Fn::Split, Fn::If with the
 * template's Conditions (Fn::Equals, And, Or, Not, Condition), Fn::FindInMap, Fn::Base64 and
 * the pseudo parameters. Anything else is a problem named with the resource it appears in: a
 * strict resolver throws it, so the local cloud never runs a resource with a value it guessed; a
 * lenient one records it and goes on (see `ResolutionMode`).
 */
export class IntrinsicResolver {
  private readonly conditions = new Map<string, boolean>();
  private readonly recorded: UnsupportedTemplateError[] = [];
  /** Problems met so far, repeats included: what tells a cascade from a problem of its own. */
  private met = 0;

  constructor(
    private readonly template: CfnTemplate,
    private readonly scope: IntrinsicScope,
    readonly mode: ResolutionMode,
  ) {}

  /** What a lenient resolver could not resolve so far, each once, in the order met. */
  get problems(): readonly UnsupportedTemplateError[] {
    return this.recorded;
  }

  /**
   * Records a problem found outside an intrinsic (an unsupported resource type, say) when
   * lenient; throws it when strict.
   */
  report(problem: UnsupportedTemplateError): void {
    if (this.mode === 'strict') throw problem;
    this.met += 1;
    if (!this.recorded.some((known) => known.message === problem.message)) this.recorded.push(problem);
  }

  /** Resolves every intrinsic in `value`; `where` is the logical id named in errors. */
  resolve(value: unknown, where: string): unknown {
    const resolved = this.visit(value, where);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  /**
   * Whether the named template condition holds. A lenient resolver takes one it cannot
   * evaluate as holding, so what depends on it is read, and checked, too.
   */
  condition(name: string, where: string): boolean {
    const cached = this.conditions.get(name);
    if (cached !== undefined) return cached;
    const result = this.attempt(() => {
      const definition = this.template.Conditions?.[name];
      if (definition === undefined) throw new UnsupportedTemplateError(where, `unknown condition ${name}`);
      return this.truth(definition, where);
    }, true);
    this.conditions.set(name, result);
    return result;
  }

  /**
   * Runs one step of resolution. Strict lets its error through. Lenient records it and returns
   * `fallback`, unless a step inside already recorded the cause: an `Fn::Select` over an
   * unresolved list is not a second problem.
   */
  private attempt<T>(step: () => T, fallback: T): T {
    if (this.mode === 'strict') return step();
    const before = this.met;
    try {
      return step();
    } catch (error) {
      if (!(error instanceof UnsupportedTemplateError)) throw error;
      if (this.met === before) this.report(error);
      return fallback;
    }
  }

  private visit(value: unknown, where: string): unknown {
    if (Array.isArray(value)) {
      return value.map((item) => this.visit(item, where)).filter((item) => item !== NO_VALUE);
    }
    if (!isRecord(value)) return value;
    const keys = Object.keys(value);
    const only = keys.length === 1 ? keys[0] : undefined;
    if (only !== undefined && (only === 'Ref' || only.startsWith('Fn::') || only === 'Condition')) {
      if (only === 'Condition' && typeof value.Condition === 'string') {
        return this.condition(value.Condition, where);
      }
      if (only !== 'Condition')
        return this.attempt(() => this.intrinsic(only, value[only], where), UNRESOLVED);
    }
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const resolved = this.visit(item, where);
      if (resolved !== NO_VALUE) result[key] = resolved;
    }
    return result;
  }

  private intrinsic(name: string, argument: unknown, where: string): unknown {
    switch (name) {
      case 'Ref':
        return this.ref(this.string(argument, name, where), where);
      case 'Fn::GetAtt':
        return this.getAtt(argument, where);
      case 'Fn::Join': {
        const [separator, items] = this.tuple(argument, 2, name, where);
        const list = this.visit(items, where);
        if (typeof separator !== 'string' || !Array.isArray(list)) this.malformed(name, where);
        return list.map((item) => this.scalar(item, name, where)).join(separator);
      }
      case 'Fn::Sub':
        return this.sub(argument, where);
      case 'Fn::Select': {
        const [index, items] = this.tuple(argument, 2, name, where);
        const list = this.visit(items, where);
        const position = Number(this.visit(index, where));
        if (!Array.isArray(list) || !Number.isInteger(position) || position < 0 || position >= list.length) {
          this.malformed(name, where);
        }
        return list[position];
      }
      case 'Fn::Split': {
        const [separator, source] = this.tuple(argument, 2, name, where);
        const text = this.visit(source, where);
        if (typeof separator !== 'string' || typeof text !== 'string') this.malformed(name, where);
        return text.split(separator);
      }
      case 'Fn::If': {
        const [conditionName, whenTrue, whenFalse] = this.tuple(argument, 3, name, where);
        const holds = this.condition(this.string(conditionName, name, where), where);
        return this.visit(holds ? whenTrue : whenFalse, where);
      }
      case 'Fn::FindInMap': {
        const [mapName, topKey, secondKey] = this.tuple(argument, 3, name, where).map((part) =>
          this.scalar(this.visit(part, where), name, where),
        );
        const found = this.template.Mappings?.[String(mapName)]?.[String(topKey)]?.[String(secondKey)];
        if (found === undefined) {
          throw new UnsupportedTemplateError(
            where,
            `Fn::FindInMap found no ${mapName}.${topKey}.${secondKey}`,
          );
        }
        return found;
      }
      case 'Fn::Base64':
        return Buffer.from(String(this.scalar(this.visit(argument, where), name, where)), 'utf8').toString(
          'base64',
        );
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not':
        return this.truth({ [name]: argument }, where);
      default:
        throw new UnsupportedTemplateError(where, `the intrinsic function ${name} is not supported locally`);
    }
  }

  private ref(target: string, where: string): unknown {
    switch (target) {
      case 'AWS::Region':
        return this.scope.region;
      case 'AWS::AccountId':
        return this.scope.accountId;
      case 'AWS::Partition':
        return this.scope.partition;
      case 'AWS::URLSuffix':
        return this.scope.urlSuffix;
      case 'AWS::StackName':
        return this.scope.stackName;
      case 'AWS::StackId':
        return this.scope.stackId;
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::NotificationARNs':
        return [];
    }
    if (target.startsWith('AWS::')) {
      throw new UnsupportedTemplateError(where, `the pseudo parameter ${target} is not supported locally`);
    }
    const parameter = this.template.Parameters?.[target];
    if (parameter !== undefined) {
      if (parameter.Default === undefined || parameter.Type.startsWith('AWS::SSM::')) {
        throw new UnsupportedTemplateError(
          where,
          `parameter ${target} (${parameter.Type}) has no value the local cloud can use`,
        );
      }
      return parameter.Default;
    }
    if (this.template.Resources[target] === undefined) {
      throw new UnsupportedTemplateError(where, `Ref to ${target}, which the template does not declare`);
    }
    return this.scope.ref(target);
  }

  private getAtt(argument: unknown, where: string): unknown {
    let logicalId: unknown;
    let attribute: unknown;
    if (typeof argument === 'string') {
      const dot = argument.indexOf('.');
      [logicalId, attribute] = [argument.slice(0, dot), argument.slice(dot + 1)];
    } else {
      [logicalId, attribute] = this.tuple(argument, 2, 'Fn::GetAtt', where);
      attribute = this.visit(attribute, where);
    }
    if (typeof logicalId !== 'string' || typeof attribute !== 'string' || logicalId === '') {
      this.malformed('Fn::GetAtt', where);
    }
    if (this.template.Resources[logicalId] === undefined) {
      throw new UnsupportedTemplateError(
        where,
        `Fn::GetAtt on ${logicalId}, which the template does not declare`,
      );
    }
    return this.scope.getAtt(logicalId, attribute);
  }

  private sub(argument: unknown, where: string): string {
    let text: unknown = argument;
    let variables: Record<string, unknown> = {};
    if (Array.isArray(argument)) {
      const [source, map] = this.tuple(argument, 2, 'Fn::Sub', where);
      const resolvedMap = this.visit(map, where);
      if (!isRecord(resolvedMap)) this.malformed('Fn::Sub', where);
      [text, variables] = [source, resolvedMap];
    }
    if (typeof text !== 'string') this.malformed('Fn::Sub', where);
    // `${!Literal}` is CloudFormation's escape for a literal `${Literal}`.
    return text.replace(/\$\{(!?)([^}]*)\}/g, (whole, bang: string, name: string) => {
      if (bang === '!') return `\${${name}}`;
      const key = name.trim();
      if (key in variables) return String(this.scalar(variables[key], 'Fn::Sub', where));
      const dot = key.indexOf('.');
      if (dot > 0 && !key.startsWith('AWS::')) {
        return String(this.scalar(this.getAtt(key, where), 'Fn::Sub', where));
      }
      const value = this.ref(key, where);
      if (value === NO_VALUE) return whole;
      return String(this.scalar(value, 'Fn::Sub', where));
    });
  }

  private truth(definition: unknown, where: string): boolean {
    if (typeof definition === 'boolean') return definition;
    if (!isRecord(definition)) this.malformed('Conditions', where);
    const [name, argument] = Object.entries(definition)[0] ?? [];
    const list = Array.isArray(argument) ? argument : [];
    switch (name) {
      case 'Fn::Equals': {
        const [left, right] = list.map((item) => this.visit(item, where));
        return JSON.stringify(left) === JSON.stringify(right);
      }
      case 'Fn::And':
        return list.every((item) => this.truth(item, where));
      case 'Fn::Or':
        return list.some((item) => this.truth(item, where));
      case 'Fn::Not':
        return !this.truth(list[0], where);
      case 'Condition':
        return this.condition(this.string(argument, 'Condition', where), where);
      default:
        throw new UnsupportedTemplateError(where, `the condition function ${name} is not supported locally`);
    }
  }

  private tuple(argument: unknown, length: number, name: string, where: string): unknown[] {
    if (!Array.isArray(argument) || argument.length !== length) this.malformed(name, where);
    return argument;
  }

  private string(argument: unknown, name: string, where: string): string {
    if (typeof argument !== 'string') this.malformed(name, where);
    return argument;
  }

  private scalar(value: unknown, name: string, where: string): string | number | boolean {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
    throw new UnsupportedTemplateError(where, `${name} needs a string, got ${JSON.stringify(value)}`);
  }

  private malformed(name: string, where: string): never {
    throw new UnsupportedTemplateError(where, `malformed ${name}`);
  }
}
