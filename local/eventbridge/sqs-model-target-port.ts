import type { MessageAttributes, SqsModel } from '../sqs';
import { SqsError } from '../sqs';
import { type SqsSendOptions, type SqsTargetPort, TargetUnreachableError } from './ports';

/**
 * Adapts the in-process SQS model to the port EventBridge delivers through, so events reach
 * queues without an HTTP round trip and with the model's durability. A missing queue becomes
 * `RESOURCE_NOT_FOUND`, the code AWS puts on events it dead-letters for that reason.
 */
export function sqsModelTargetPort(model: SqsModel): SqsTargetPort {
  return {
    sendMessage(queueArn: string, body: string, options: SqsSendOptions = {}): Promise<void> {
      const attributes: Record<string, { DataType: string; StringValue: string }> = {};
      for (const [name, value] of Object.entries(options.messageAttributes ?? {})) {
        attributes[name] = { DataType: 'String', StringValue: value };
      }
      try {
        model.sendMessage(queueArn, body, {
          ...(options.messageGroupId !== undefined && { messageGroupId: options.messageGroupId }),
          ...(options.messageDeduplicationId !== undefined && {
            messageDeduplicationId: options.messageDeduplicationId,
          }),
          ...(options.messageAttributes !== undefined && {
            messageAttributes: attributes as MessageAttributes,
          }),
        });
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(
          error instanceof SqsError && error.code === 'QueueDoesNotExist'
            ? new TargetUnreachableError(error.message, 'RESOURCE_NOT_FOUND')
            : error,
        );
      }
    },
  };
}
