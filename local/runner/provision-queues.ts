import {
  CreateQueueCommand,
  GetQueueUrlCommand,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { PropertyReader } from './property-reader';
import type { StackResources } from './stack-resources';

/** Local-only changes to the template's queues; never part of what deploys. */
export interface QueueOverrides {
  /**
   * Replaces every queue's VisibilityTimeout (seconds). A message whose processing failed stays
   * invisible for the visibility timeout before it is retried (180 s for the task queue), so
   * tests of retries and dead-lettering set a few seconds here to finish quickly.
   */
  readonly visibilityTimeoutSeconds?: number;
}

/** CloudFormation queue properties that are SQS attributes of the same name. */
const ATTRIBUTE_PROPERTIES = [
  'VisibilityTimeout',
  'MessageRetentionPeriod',
  'DelaySeconds',
  'MaximumMessageSize',
  'ReceiveMessageWaitTimeSeconds',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
] as const;
/** Attributes that point at other queues; set once every queue exists. */
const POLICY_PROPERTIES = ['RedrivePolicy', 'RedriveAllowPolicy'] as const;

const isQueueMissing = (error: unknown): boolean =>
  (error as { name?: string }).name === 'QueueDoesNotExist' ||
  (error as { Code?: string }).Code === 'AWS.SimpleQueueService.NonExistentQueue';

/**
 * Creates the template's queues on the local SQS, or updates the attributes of those a previous
 * run created (their messages stay). Redrive policies are applied after every queue exists, so
 * the order of the template does not matter.
 */
export async function provisionQueues(
  client: SQSClient,
  stack: StackResources,
  overrides: QueueOverrides = {},
): Promise<void> {
  const queues = stack.list('queue').map((resource) => {
    const reader = new PropertyReader(resource.logicalId, resource.properties);
    reader.ignore('QueueName', 'Tags');
    const fifo = reader.boolean('FifoQueue') === true;
    const attributes: Record<string, string> = {};
    for (const name of ATTRIBUTE_PROPERTIES) {
      const value = reader.get(name);
      if (value !== undefined) attributes[name] = String(value);
    }
    if (overrides.visibilityTimeoutSeconds !== undefined) {
      attributes.VisibilityTimeout = String(overrides.visibilityTimeoutSeconds);
    }
    const policies: Record<string, string> = {};
    for (const name of POLICY_PROPERTIES) {
      const value = reader.get(name);
      if (value !== undefined) policies[name] = typeof value === 'string' ? value : JSON.stringify(value);
    }
    reader.assertAllKnown('AWS::SQS::Queue');
    return { name: stack.physicalName(resource.logicalId), fifo, attributes, policies };
  });

  for (const queue of queues) {
    let url: string | undefined;
    try {
      ({ QueueUrl: url } = await client.send(new GetQueueUrlCommand({ QueueName: queue.name })));
    } catch (error) {
      if (!isQueueMissing(error)) throw error;
    }
    if (url === undefined) {
      await client.send(
        new CreateQueueCommand({
          QueueName: queue.name,
          Attributes: { ...queue.attributes, ...(queue.fifo && { FifoQueue: 'true' }) },
        }),
      );
    } else if (Object.keys(queue.attributes).length > 0) {
      await client.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: queue.attributes }));
    }
  }
  for (const queue of queues) {
    if (Object.keys(queue.policies).length === 0) continue;
    const { QueueUrl } = await client.send(new GetQueueUrlCommand({ QueueName: queue.name }));
    await client.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: queue.policies }));
  }
}
