import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * One logger and metrics per function instance. Service name and metrics namespace come from
 * the stack (`POWERTOOLS_SERVICE_NAME`, `POWERTOOLS_METRICS_NAMESPACE`), so the same code names
 * itself correctly in every deployment. Traces come from Lambda's active tracing, with no
 * tracing library in the function: README's Observability section says why.
 */
export const logger = new Logger();
export const metrics = new Metrics();

/**
 * Counts one occurrence of a business metric with its own dimensions (e.g. `taskType`), in a
 * metric set of its own so the dimensions of one record never leak onto another's.
 */
export const countMetric = (name: string, dimensions: Record<string, string>, count = 1): void => {
  const metric = metrics.singleMetric();
  for (const [key, value] of Object.entries(dimensions)) metric.addDimension(key, value);
  metric.addMetric(name, MetricUnit.Count, count);
};
