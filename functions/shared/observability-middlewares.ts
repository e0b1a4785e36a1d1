import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { MiddlewareObj } from '@middy/core';
import { logger, metrics, tracer } from './observability';

/**
 * What every handler starts with, HTTP or SQS: the Lambda context on every log line (keys of
 * the last invocation reset), a trace segment around the handler, and metrics flushed at the end.
 */
export const observabilityMiddlewares = (): MiddlewareObj[] =>
  [
    injectLambdaContext(logger, { resetKeys: true }),
    captureLambdaHandler(tracer),
    logMetrics(metrics),
    // Powertools types each middleware for its own event; the stack is typed where it is used.
  ] as MiddlewareObj[];
