import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * One logger, metrics and tracer per function instance. Service name and metrics namespace
 * come from the stack (`POWERTOOLS_SERVICE_NAME`, `POWERTOOLS_METRICS_NAMESPACE`), so the
 * same code names itself correctly in every deployment.
 */
export const logger = new Logger();
export const metrics = new Metrics();
export const tracer = new Tracer();

/**
 * Counts one occurrence of a business metric with its own dimensions (e.g. `taskType`), in a
 * metric set of its own so the dimensions of one record never leak onto another's.
 */
export const countMetric = (name: string, dimensions: Record<string, string>, count = 1): void => {
  const metric = metrics.singleMetric();
  for (const [key, value] of Object.entries(dimensions)) metric.addDimension(key, value);
  metric.addMetric(name, MetricUnit.Count, count);
};
