import type { MiddlewareObj } from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import { observabilityMiddlewares } from '../observability-middlewares';
import { correlationId } from './correlation-id';
import { errorHandler } from './error-handler';
import { jsonBodyGuard } from './json-body-guard';

export interface HttpMiddlewareOptions {
  /** The route takes a JSON body: enforce media type and size, then parse it. */
  readonly jsonBody?: boolean;
}

/**
 * The middleware stack every HTTP route uses, in order. The error handler comes last so its
 * `onError` runs first (middy runs `onError` in reverse) and the others see its response.
 */
export const httpMiddlewares = (options: HttpMiddlewareOptions = {}): MiddlewareObj[] =>
  [
    ...observabilityMiddlewares(),
    httpHeaderNormalizer(),
    correlationId(),
    ...(options.jsonBody ? [jsonBodyGuard(), httpJsonBodyParser()] : []),
    errorHandler(),
    // middy's middleware types are invariant in event and context; the stack is typed at use.
  ] as MiddlewareObj[];
