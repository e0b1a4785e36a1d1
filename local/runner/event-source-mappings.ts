import type { SqsEventSourceMapping } from '../lambda';
import { PropertyReader } from './property-reader';
import type { StackResources } from './stack-resources';

/** Where Lambda starts an SQS mapping's concurrency when the template sets no maximum. */
const DEFAULT_SQS_CONCURRENCY = 5;

/**
 * The template's event source mappings, each checked to be one the local cloud can run: an
 * SQS queue source (other sources such as streams or Kafka have no local poller).
 */
export function eventSourceMappings(stack: StackResources): SqsEventSourceMapping[] {
  const mappings: SqsEventSourceMapping[] = [];
  for (const resource of stack.list('event-source-mapping')) {
    const reader = new PropertyReader(resource.logicalId, resource.properties);
    reader.ignore('Tags', 'MetricsConfig');
    const source = reader.string('EventSourceArn') ?? '';
    if (!source.startsWith('arn:aws:sqs:')) {
      reader.fail(`event source ${source || '(none)'} is not supported locally; only SQS queues are`);
    }
    const functionReference = reader.string('FunctionName') ?? reader.fail('FunctionName is required');
    if (reader.get('FilterCriteria') !== undefined) reader.fail('FilterCriteria is not supported locally');
    const scaling = reader.get('ScalingConfig') as { MaximumConcurrency?: unknown } | undefined;
    const responseTypes = (reader.get('FunctionResponseTypes') as unknown[] | undefined) ?? [];
    const enabled = reader.boolean('Enabled') ?? true;
    const mapping: SqsEventSourceMapping = {
      id: resource.logicalId,
      queueArn: source,
      functionReference,
      batchSize: reader.number('BatchSize') ?? 10,
      maximumBatchingWindowSeconds: reader.number('MaximumBatchingWindowInSeconds') ?? 0,
      maximumConcurrency: Number(scaling?.MaximumConcurrency ?? DEFAULT_SQS_CONCURRENCY),
      reportBatchItemFailures: responseTypes.includes('ReportBatchItemFailures'),
    };
    reader.assertAllKnown('AWS::Lambda::EventSourceMapping');
    if (enabled) mappings.push(mapping);
  }
  return mappings;
}
