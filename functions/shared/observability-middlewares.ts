import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { MiddlewareObj } from '@middy/core';
import { logger, metrics } from './observability';

/**
 * Powertools' `logMetrics`, quiet when there is nothing to flush. The business counts are
 * single-metric sets, published as they are counted, so the stored set is usually empty; plain
 * `logMetrics` would then log "No application metrics to publish" on every invocation: a third
 * of all log lines under load, billed as WARN in CloudWatch Logs.
 */
export const flushStoredMetrics = (target: Metrics): MiddlewareObj => {
  const flush = logMetrics(target);
  const flushIfAny = (request: Parameters<NonNullable<MiddlewareObj['after']>>[0]) =>
    target.hasStoredMetrics() ? flush.after?.(request) : undefined;
  return { before: flush.before, after: flushIfAny, onError: flushIfAny };
};

/**
 * What every handler starts with, HTTP or SQS: the Lambda context on every log line (keys of
 * the last invocation reset, the X-Ray trace id among them) and metrics flushed at the end.
 */
export const observabilityMiddlewares = (): MiddlewareObj[] =>
  [
    injectLambdaContext(logger, { resetKeys: true }),
    flushStoredMetrics(metrics),
    // Powertools types each middleware for its own event; the stack is typed where it is used.
  ] as MiddlewareObj[];
