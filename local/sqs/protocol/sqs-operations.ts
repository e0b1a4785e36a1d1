import type { OperationInput } from '../../endpoint';
import type { MessageAttributes, ReceivedMessage } from '../sqs-message';
import type { SqsModel } from '../sqs-model';
import { batchEntries, readMessageAttributes } from './sqs-input';

/** One SQS operation: parameters in, the JSON protocol's output shape out; errors are thrown. */
export type SqsOperation = (
  input: OperationInput,
  model: SqsModel,
  signal?: AbortSignal,
) => Promise<object> | object;

type WireAttributes = Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>;

/** Binary attribute values travel base64-encoded in both protocols. */
function wireAttributes(attributes: MessageAttributes): WireAttributes {
  const wire: WireAttributes = {};
  for (const [name, value] of Object.entries(attributes)) {
    wire[name] = {
      DataType: value.DataType,
      ...(value.StringValue !== undefined && { StringValue: value.StringValue }),
      ...(value.BinaryValue !== undefined && { BinaryValue: value.BinaryValue.toString('base64') }),
    };
  }
  return wire;
}

function wireMessage(message: ReceivedMessage): object {
  const { MessageAttributes, ...rest } = message;
  return MessageAttributes === undefined
    ? rest
    : { ...rest, MessageAttributes: wireAttributes(MessageAttributes) };
}

/** Any integer: the range is checked later, by the model. */
const ANY_INTEGER = { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };

/** `ranged: false` leaves range checks to the model, so a batch reports them per entry in `Failed`. */
function sendOptions(input: OperationInput, ranged = true) {
  const delaySeconds = ranged
    ? input.optionalInteger('DelaySeconds', { min: 0, max: 900 })
    : input.optionalInteger('DelaySeconds', ANY_INTEGER);
  const messageAttributes = readMessageAttributes(input, 'MessageAttributes');
  const systemAttributes = readMessageAttributes(input, 'MessageSystemAttributes');
  const messageGroupId = input.optionalString('MessageGroupId');
  const messageDeduplicationId = input.optionalString('MessageDeduplicationId');
  return {
    ...(delaySeconds !== undefined && { delaySeconds }),
    ...(messageAttributes !== undefined && { messageAttributes }),
    ...(systemAttributes !== undefined && { systemAttributes }),
    ...(messageGroupId !== undefined && { messageGroupId }),
    ...(messageDeduplicationId !== undefined && { messageDeduplicationId }),
  };
}

const pageOutput = (page: { queueUrls: string[]; nextToken?: string }, listKey: string): object => ({
  ...(page.queueUrls.length > 0 && { [listKey]: page.queueUrls }),
  ...(page.nextToken !== undefined && { NextToken: page.nextToken }),
});

/** The operations this endpoint implements, by name as in `X-Amz-Target` and `Action`. */
export const SQS_OPERATIONS: Readonly<Record<string, SqsOperation>> = {
  CreateQueue: (input, model) => {
    const queue = model.createQueue(
      input.requiredString('QueueName'),
      input.optionalStringMap('Attributes'),
      input.optionalStringMap('tags'),
    );
    return { QueueUrl: queue.url };
  },
  GetQueueUrl: (input, model) => ({
    QueueUrl: model.getQueueUrl(
      input.requiredString('QueueName'),
      input.optionalString('QueueOwnerAWSAccountId'),
    ),
  }),
  ListQueues: (input, model) =>
    pageOutput(
      model.listQueues(
        input.optionalString('QueueNamePrefix'),
        input.optionalInteger('MaxResults', { min: 1, max: 1000 }),
        input.optionalString('NextToken'),
      ),
      'QueueUrls',
    ),
  DeleteQueue: (input, model) => {
    model.deleteQueue(input.requiredString('QueueUrl'));
    return {};
  },
  GetQueueAttributes: (input, model) => {
    const attributes = model.getQueueAttributes(
      input.requiredString('QueueUrl'),
      input.optionalStringList('AttributeNames'),
    );
    return Object.keys(attributes).length > 0 ? { Attributes: attributes } : {};
  },
  SetQueueAttributes: (input, model) => {
    model.setQueueAttributes(input.requiredString('QueueUrl'), input.optionalStringMap('Attributes') ?? {});
    return {};
  },
  PurgeQueue: (input, model) => {
    model.purgeQueue(input.requiredString('QueueUrl'));
    return {};
  },
  ListDeadLetterSourceQueues: (input, model) =>
    pageOutput(
      model.listDeadLetterSourceQueues(
        input.requiredString('QueueUrl'),
        input.optionalInteger('MaxResults', { min: 1, max: 1000 }),
        input.optionalString('NextToken'),
      ),
      'queueUrls',
    ),
  SendMessage: (input, model) =>
    model.sendMessage(
      input.requiredString('QueueUrl'),
      input.requiredString('MessageBody'),
      sendOptions(input),
    ),
  SendMessageBatch: (input, model) => {
    const queueUrl = input.requiredString('QueueUrl');
    const entries = batchEntries(input, 'Entries').map((entry) => ({
      id: entry.requiredString('Id'),
      body: entry.requiredString('MessageBody'),
      options: sendOptions(entry, false),
    }));
    return model.sendMessageBatch(queueUrl, entries);
  },
  ReceiveMessage: async (input, model, signal) => {
    const queueUrl = input.requiredString('QueueUrl');
    const systemAttributeNames = [
      ...(input.optionalStringList('AttributeNames') ?? []),
      ...(input.optionalStringList('MessageSystemAttributeNames') ?? []),
    ];
    const maxNumberOfMessages = input.optionalInteger('MaxNumberOfMessages', { min: 1, max: 10 });
    const visibilityTimeout = input.optionalInteger('VisibilityTimeout', { min: 0, max: 43_200 });
    const waitTimeSeconds = input.optionalInteger('WaitTimeSeconds', { min: 0, max: 20 });
    const receiveRequestAttemptId = input.optionalString('ReceiveRequestAttemptId');
    const messages = await model.receiveMessages(queueUrl, {
      systemAttributeNames,
      messageAttributeNames: input.optionalStringList('MessageAttributeNames') ?? [],
      ...(maxNumberOfMessages !== undefined && { maxNumberOfMessages }),
      ...(visibilityTimeout !== undefined && { visibilityTimeout }),
      ...(waitTimeSeconds !== undefined && { waitTimeSeconds }),
      ...(receiveRequestAttemptId !== undefined && { receiveRequestAttemptId }),
      ...(signal !== undefined && { signal }),
    });
    return messages.length > 0 ? { Messages: messages.map(wireMessage) } : {};
  },
  DeleteMessage: (input, model) => {
    model.deleteMessage(input.requiredString('QueueUrl'), input.requiredString('ReceiptHandle'));
    return {};
  },
  DeleteMessageBatch: (input, model) => {
    const queueUrl = input.requiredString('QueueUrl');
    const entries = batchEntries(input, 'Entries').map((entry) => ({
      id: entry.requiredString('Id'),
      receiptHandle: entry.requiredString('ReceiptHandle'),
    }));
    return model.deleteMessageBatch(queueUrl, entries);
  },
  ChangeMessageVisibility: (input, model) => {
    model.changeMessageVisibility(
      input.requiredString('QueueUrl'),
      input.requiredString('ReceiptHandle'),
      input.requiredInteger('VisibilityTimeout', { min: 0, max: 43_200 }),
    );
    return {};
  },
  ChangeMessageVisibilityBatch: (input, model) => {
    const queueUrl = input.requiredString('QueueUrl');
    const entries = batchEntries(input, 'Entries').map((entry) => ({
      id: entry.requiredString('Id'),
      receiptHandle: entry.requiredString('ReceiptHandle'),
      // Range errors surface per entry in Failed, as SQS reports them.
      visibilityTimeout: entry.requiredInteger('VisibilityTimeout', ANY_INTEGER),
    }));
    return model.changeMessageVisibilityBatch(queueUrl, entries);
  },
  TagQueue: (input, model) => {
    model.tagQueue(input.requiredString('QueueUrl'), input.optionalStringMap('Tags') ?? {});
    return {};
  },
  UntagQueue: (input, model) => {
    model.untagQueue(input.requiredString('QueueUrl'), input.optionalStringList('TagKeys') ?? []);
    return {};
  },
  ListQueueTags: (input, model) => {
    const tags = model.listQueueTags(input.requiredString('QueueUrl'));
    return Object.keys(tags).length > 0 ? { Tags: tags } : {};
  },
  StartMessageMoveTask: (input, model) => {
    const destinationArn = input.optionalString('DestinationArn');
    const maxNumberOfMessagesPerSecond = input.optionalInteger('MaxNumberOfMessagesPerSecond', {
      min: 1,
      max: 500,
    });
    return {
      TaskHandle: model.startMessageMoveTask({
        sourceArn: input.requiredString('SourceArn'),
        ...(destinationArn !== undefined && { destinationArn }),
        ...(maxNumberOfMessagesPerSecond !== undefined && { maxNumberOfMessagesPerSecond }),
      }),
    };
  },
  ListMessageMoveTasks: (input, model) => ({
    Results: model.listMessageMoveTasks(
      input.requiredString('SourceArn'),
      input.optionalInteger('MaxResults', { min: 1, max: 10 }),
    ),
  }),
  CancelMessageMoveTask: (input, model) => ({
    ApproximateNumberOfMessagesMoved: model.cancelMessageMoveTask(input.requiredString('TaskHandle')),
  }),
};

export function isSqsOperation(name: string): boolean {
  return Object.hasOwn(SQS_OPERATIONS, name);
}
