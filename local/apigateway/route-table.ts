import type { LambdaAuthorizerDefinition } from './authorizer-definition';
/** How a method reaches its backend. */
export type IntegrationDefinition =
  | {
      readonly kind: 'lambda-proxy';
      /** Logical id of the `AWS::Lambda::Function` the `Uri` points at. */
      readonly functionLogicalId: string;
      /** `TimeoutInMillis`, 29 000 by default as in AWS. */
      readonly timeoutMs: number;
    }
  | {
      /** A `MOCK` integration (CDK's CORS preflight): static status, headers and body. */
      readonly kind: 'mock';
      readonly statusCode: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: string;
      /**
       * Origins the method's `Access-Control-Allow-Origin` names (`*` for any): its literal value,
       * and the alternatives CDK's VTL echoes back when it allows several origins.
       */
      readonly allowedOrigins: readonly string[];
    }
  | { readonly kind: 'unsupported'; readonly type: string };

/** One `AWS::ApiGateway::Method` with what the emulator needs to serve it. */
export interface MethodDefinition {
  /** `GET`, `POST`, ... or `ANY`. */
  readonly httpMethod: string;
  readonly resourceId: string;
  /** The resource's path with its variables, e.g. `/tasks/{taskId}`. */
  readonly resourcePath: string;
  /** `NONE`, `AWS_IAM` or `CUSTOM`; any other type stops the start when the API is read. */
  readonly authorizationType: string;
  /** The Lambda authorizer of a `CUSTOM` method. */
  readonly authorizer?: LambdaAuthorizerDefinition;
  readonly apiKeyRequired: boolean;
  readonly integration: IntegrationDefinition;
  /** The method's request validator, if any. */
  readonly validator: { readonly body: boolean; readonly parameters: boolean } | undefined;
  /** Content type (lowercase, or `$default`) to model name. */
  readonly requestModels: Readonly<Record<string, string>>;
  /** Required `method.request.{path,querystring,header}.<name>` keys, in template order. */
  readonly requiredParameters: readonly string[];
}

/** A resource of the API tree; `pathPart` is `''` for the root. */
export interface ResourceNode {
  readonly id: string;
  readonly pathPart: string;
  readonly path: string;
  readonly children: ResourceNode[];
  readonly methods: Map<string, MethodDefinition>;
}

/** The method a request path and verb select, and the path variables it binds. */
export interface RouteMatch {
  readonly method: MethodDefinition;
  /** `null` when the resource has no variables, as in the proxy event. */
  readonly pathParameters: Record<string, string> | null;
}

const variableName = (pathPart: string): { name: string; greedy: boolean } | undefined => {
  const match = /^\{([^{}+]+)(\+?)\}$/.exec(pathPart);
  return match?.[1] ? { name: match[1], greedy: match[2] === '+' } : undefined;
};

/** Decodes a path segment; a malformed escape stays as sent instead of failing the request. */
const decodeSegment = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/**
 * The API's resource tree and the matcher API Gateway applies to it: literal path parts win over
 * `{variable}` parts, which win over a greedy `{proxy+}`; a method falls back to `ANY`.
 */
export class RouteTable {
  constructor(readonly root: ResourceNode) {}

  /** Every method of the API, for listing routes. */
  methods(): MethodDefinition[] {
    const all: MethodDefinition[] = [];
    const visit = (node: ResourceNode): void => {
      all.push(...node.methods.values());
      for (const child of node.children) visit(child);
    };
    visit(this.root);
    return all;
  }

  /**
   * @param rawPath the request path after the stage, still percent-encoded, e.g. `/tasks/a%20b`
   * @param httpMethod the request's verb
   */
  match(rawPath: string, httpMethod: string): RouteMatch | undefined {
    // REST APIs treat `/tasks/` as `/tasks`; empty segments never name a resource.
    const segments = rawPath.split('/').filter((segment) => segment !== '');
    return this.matchFrom(this.root, segments, 0, httpMethod, {});
  }

  private matchFrom(
    node: ResourceNode,
    segments: readonly string[],
    index: number,
    httpMethod: string,
    bound: Record<string, string>,
  ): RouteMatch | undefined {
    if (index === segments.length) return this.select(node, httpMethod, bound);
    const segment = segments[index] as string;
    const ordered = [...node.children].sort((a, b) => rank(a.pathPart) - rank(b.pathPart));
    for (const child of ordered) {
      const variable = variableName(child.pathPart);
      if (!variable) {
        if (child.pathPart !== segment) continue;
        const found = this.matchFrom(child, segments, index + 1, httpMethod, bound);
        if (found) return found;
      } else if (variable.greedy) {
        const rest = segments.slice(index).map(decodeSegment).join('/');
        const found = this.select(child, httpMethod, { ...bound, [variable.name]: rest });
        if (found) return found;
      } else {
        const next = { ...bound, [variable.name]: decodeSegment(segment) };
        const found = this.matchFrom(child, segments, index + 1, httpMethod, next);
        if (found) return found;
      }
    }
    return undefined;
  }

  private select(
    node: ResourceNode,
    httpMethod: string,
    bound: Record<string, string>,
  ): RouteMatch | undefined {
    const method = node.methods.get(httpMethod) ?? node.methods.get('ANY');
    if (!method) return undefined;
    return { method, pathParameters: Object.keys(bound).length > 0 ? bound : null };
  }
}

const rank = (pathPart: string): number => {
  const variable = variableName(pathPart);
  if (!variable) return 0;
  return variable.greedy ? 2 : 1;
};
