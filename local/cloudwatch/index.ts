/** CloudWatch's GetMetricStatistics for the local SQS queues' backlog gauges. */
export { CloudWatchService, type CloudWatchServiceOptions } from './cloudwatch-service';
