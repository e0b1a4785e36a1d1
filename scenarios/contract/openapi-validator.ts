import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import type { OpenApiDocument } from './openapi-document';

/** One answer of the API, as the validator judges it. */
export interface ResponseToCheck {
  readonly method: string;
  /** The path under the stage, e.g. `/tasks/0b6d2a47-...`. */
  readonly path: string;
  readonly status: number;
  /** The `Content-Type` header, or null when there was none. */
  readonly contentType: string | null;
  /** The parsed JSON body; the raw text when it was not JSON; undefined when empty. */
  readonly body: unknown;
  /** True when the body was text that did not parse as JSON. */
  readonly bodyIsText?: boolean;
}

/** What the contract says about one answer. */
export interface ContractVerdict {
  /** The route template that matched, e.g. `GET /tasks/{taskId}`; undefined when none did. */
  readonly route?: string;
  /** Each way the answer breaks the contract; empty when it keeps it. */
  readonly problems: readonly string[];
}

/** The document's base URI inside ajv: `$ref`s in it resolve against this. */
const DOCUMENT_URI = 'urn:switchyard:openapi';

/** OpenAPI's own top-level fields: names ajv must accept, as the document is registered whole. */
const OPENAPI_FIELDS = [
  'openapi',
  'info',
  'jsonSchemaDialect',
  'servers',
  'paths',
  'webhooks',
  'components',
  'security',
  'tags',
  'externalDocs',
];

/** How many schema errors one problem lists before it says how many more there are. */
const MAX_SCHEMA_ERRORS = 3;

interface ResponseObject {
  readonly content?: Readonly<Record<string, { readonly schema?: unknown }>>;
}

interface MatchedRoute {
  readonly template: string;
  readonly method: string;
  readonly responses: Readonly<Record<string, unknown>>;
}

/**
 * Checks answers against an OpenAPI 3.1 document: the status must be one the route lists, the
 * media type one that status's content names, and the body must match that content's schema
 * (JSON Schema 2020-12, ajv; `$ref`s resolve within the document).
 */
export class OpenApiValidator {
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly routes: ReadonlyArray<{ readonly template: string; readonly pattern: RegExp }>;

  constructor(private readonly document: OpenApiDocument) {
    // Formats are annotations here (ajv-formats is not loaded): the contract's types and
    // patterns are what the bodies are held to.
    this.ajv = new Ajv2020({ allErrors: true, validateFormats: false });
    this.ajv.addVocabulary(OPENAPI_FIELDS);
    this.ajv.addSchema(document as object, DOCUMENT_URI);
    this.routes = Object.keys(document.paths).map((template) => ({
      template,
      pattern: templatePattern(template),
    }));
  }

  check(response: ResponseToCheck): ContractVerdict {
    const method = response.method.toUpperCase();
    const route = this.matchRoute(method, response.path);
    if (route === undefined) {
      return { problems: [`${method} ${response.path} is not a route of the contract`] };
    }
    const name = `${method} ${route.template}`;
    const statusKey = [String(response.status), `${String(response.status)[0]}XX`, 'default'].find(
      (key) => route.responses[key] !== undefined,
    );
    if (statusKey === undefined) {
      const listed = Object.keys(route.responses).join(', ');
      return {
        route: name,
        problems: [`answered ${response.status}, which ${name} does not list (${listed})`],
      };
    }
    const answer = this.resolve(route.responses[statusKey]) as ResponseObject;
    const content = answer.content;
    if (content === undefined || Object.keys(content).length === 0) return { route: name, problems: [] };
    if (response.body === undefined) {
      return {
        route: name,
        problems: [`answered ${response.status} without the body the contract describes`],
      };
    }
    const mediaType = response.contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
    const mediaKey = Object.keys(content).find((key) => mediaTypeMatches(key, mediaType));
    if (mediaKey === undefined) {
      return {
        route: name,
        problems: [
          `answered ${response.status} as ${mediaType || 'no content type'}, not ${Object.keys(content).join(' or ')}`,
        ],
      };
    }
    if (mediaKey.includes('json') && response.bodyIsText) {
      return { route: name, problems: [`answered ${response.status} with a body that is not JSON`] };
    }
    const schema = content[mediaKey]?.schema;
    if (schema === undefined) return { route: name, problems: [] };
    // A response given by `$ref` is read where the reference points.
    const responsePointer =
      refOf(route.responses[statusKey]) ??
      jsonPointer(['paths', route.template, route.method, 'responses', statusKey]);
    const validate = this.validator(`${responsePointer}/content/${escapePointer(mediaKey)}/schema`);
    if (validate(response.body)) return { route: name, problems: [] };
    const errors = describeSchemaErrors(validate.errors ?? []);
    return {
      route: name,
      problems: [`${response.status} body breaks the ${schemaName(schema)} schema: ${errors}`],
    };
  }

  private matchRoute(method: string, path: string): MatchedRoute | undefined {
    for (const { template, pattern } of this.routes) {
      if (!pattern.test(path)) continue;
      const item = this.document.paths[template] ?? {};
      const operation = item[method.toLowerCase()] as { responses?: Record<string, unknown> } | undefined;
      if (operation?.responses !== undefined) {
        return { template, method: method.toLowerCase(), responses: operation.responses };
      }
    }
    return undefined;
  }

  /** The compiled schema at `pointer` (`#/...`) in the document. */
  private validator(pointer: string): ValidateFunction {
    let validate = this.validators.get(pointer);
    if (validate === undefined) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_URI}${pointer}` });
      this.validators.set(pointer, validate);
    }
    return validate;
  }

  /** Follows a `$ref` within the document (response objects may be references). */
  private resolve(value: unknown): unknown {
    const ref = refOf(value);
    if (ref === undefined) return value;
    let node: unknown = this.document;
    for (const part of ref.slice(2).split('/')) {
      const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
    }
    return node ?? {};
  }
}

/** `#/...` when `value` is a `$ref` within the document. */
const refOf = (value: unknown): string | undefined => {
  const ref = (value as { $ref?: unknown } | undefined)?.$ref;
  return typeof ref === 'string' && ref.startsWith('#/') ? ref : undefined;
};

/** `/tasks/{taskId}` matches `/tasks/<one segment>`. */
const templatePattern = (template: string): RegExp =>
  new RegExp(
    `^${template
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
      .join('')}$`,
  );

const mediaTypeMatches = (key: string, mediaType: string): boolean => {
  const [type, subtype] = key.toLowerCase().split('/');
  const [actualType, actualSubtype] = mediaType.split('/');
  return (type === '*' || type === actualType) && (subtype === '*' || subtype === actualSubtype);
};

const escapePointer = (part: string): string => part.replace(/~/g, '~0').replace(/\//g, '~1');

const jsonPointer = (parts: readonly string[]): string => `#/${parts.map(escapePointer).join('/')}`;

/** `Task` for `{"$ref": "#/components/schemas/Task"}`, else a generic name. */
const schemaName = (schema: unknown): string => refOf(schema)?.split('/').pop() ?? 'response';

/**
 * ajv's errors as a reader wants them: each with the dotted path of the offending value
 * (`timeline.0.event`, as the API names fields), the errors of a `oneOf` branch whose
 * discriminating `const` did not match left out (they describe what the value is not meant to
 * be), and at most a few of them.
 */
export function describeSchemaErrors(errors: readonly ErrorObject[]): string {
  const mismatchedBranches = errors
    .filter((error) => error.keyword === 'const')
    .map((error) => /^(.*\/oneOf\/\d+)\//.exec(error.schemaPath)?.[1])
    .filter((branch): branch is string => branch !== undefined);
  const inBranch = (error: ErrorObject) =>
    mismatchedBranches.some((branch) => error.schemaPath.startsWith(`${branch}/`));
  let relevant = errors.filter((error) => !inBranch(error));
  // The oneOf error itself only says that no branch matched; keep it only when nothing else explains why.
  const specific = relevant.filter((error) => error.keyword !== 'oneOf');
  if (specific.length > 0) relevant = specific;
  if (relevant.length === 0) relevant = [...errors];
  const lines = [...new Set(relevant.map(describeSchemaError))];
  const shown = lines.slice(0, MAX_SCHEMA_ERRORS).join('; ');
  return lines.length > MAX_SCHEMA_ERRORS ? `${shown}; and ${lines.length - MAX_SCHEMA_ERRORS} more` : shown;
}

function describeSchemaError(error: ErrorObject): string {
  const path = error.instancePath === '' ? 'the body' : error.instancePath.slice(1).split('/').join('.');
  const params = error.params as Record<string, unknown>;
  let detail = '';
  if (error.keyword === 'enum') detail = ` (${(params.allowedValues as unknown[]).join(', ')})`;
  if (error.keyword === 'const') detail = ` (${JSON.stringify(params.allowedValue)})`;
  if (error.keyword === 'additionalProperties') detail = ` (${String(params.additionalProperty)})`;
  return `${path} ${error.message ?? 'is invalid'}${detail}`;
}
