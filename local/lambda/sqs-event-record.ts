import type { SQSRecord } from 'aws-lambda';
import type { ReceivedMessage } from '../sqs';

/**
 * A received message as Lambda hands it to a function in an SQS event: camel-cased fields,
 * string system attributes, message attributes with `stringValue`/`binaryValue` (base64) and
 * the list fields Lambda always includes, plus where it came from.
 */
export function toSqsEventRecord(message: ReceivedMessage, queueArn: string, region: string): SQSRecord {
  const messageAttributes: SQSRecord['messageAttributes'] = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    messageAttributes[name] = {
      ...(value.StringValue !== undefined && { stringValue: value.StringValue }),
      ...(value.BinaryValue !== undefined && { binaryValue: value.BinaryValue.toString('base64') }),
      stringListValues: [],
      binaryListValues: [],
      dataType: value.DataType,
    };
  }
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId,
    receiptHandle: message.ReceiptHandle,
    body: message.Body,
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? '',
      SenderId: attributes.SenderId ?? '',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? '',
      ...(attributes.AWSTraceHeader !== undefined && { AWSTraceHeader: attributes.AWSTraceHeader }),
      ...(attributes.SequenceNumber !== undefined && { SequenceNumber: attributes.SequenceNumber }),
      ...(attributes.MessageGroupId !== undefined && { MessageGroupId: attributes.MessageGroupId }),
      ...(attributes.MessageDeduplicationId !== undefined && {
        MessageDeduplicationId: attributes.MessageDeduplicationId,
      }),
      ...(attributes.DeadLetterQueueSourceArn !== undefined && {
        DeadLetterQueueSourceArn: attributes.DeadLetterQueueSourceArn,
      }),
    },
    messageAttributes,
    md5OfBody: message.MD5OfBody,
    ...(message.MD5OfMessageAttributes !== undefined && {
      md5OfMessageAttributes: message.MD5OfMessageAttributes,
    }),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}
