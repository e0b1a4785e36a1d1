import { LOCAL_ACCOUNT_ID } from './queue-reference';
import { md5OfMessageAttributes } from './sqs-md5';
import type { MessageAttributes, MessageAttributeValue, ReceivedMessage, SqsMessage } from './sqs-message';

/** System attributes SQS can return with a message. */
export const MESSAGE_SYSTEM_ATTRIBUTE_NAMES = [
  'All',
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'SequenceNumber',
  'MessageDeduplicationId',
  'MessageGroupId',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
] as const;

function systemAttributes(message: SqsMessage, names: readonly string[]): Record<string, string> | undefined {
  if (names.length === 0) return undefined;
  const all: Record<string, string | undefined> = {
    SenderId: LOCAL_ACCOUNT_ID,
    SentTimestamp: String(message.sentTimestamp),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp),
    SequenceNumber: message.sequenceNumber,
    MessageDeduplicationId: message.messageDeduplicationId,
    MessageGroupId: message.messageGroupId,
    AWSTraceHeader: message.systemAttributes?.AWSTraceHeader?.StringValue,
    DeadLetterQueueSourceArn: message.deadLetterSourceArn,
  };
  const wanted = names.includes('All') ? Object.keys(all) : names;
  const picked: Record<string, string> = {};
  for (const name of wanted) {
    const value = all[name];
    if (value !== undefined) picked[name] = value;
  }
  return Object.keys(picked).length > 0 ? picked : undefined;
}

/** Applies `MessageAttributeNames`: `All` or `.*` for all, `prefix.*` for a prefix, else exact names. */
function messageAttributes(message: SqsMessage, names: readonly string[]): MessageAttributes | undefined {
  const attributes = message.messageAttributes;
  if (attributes === undefined || names.length === 0) return undefined;
  const matches = (attributeName: string): boolean =>
    names.some(
      (pattern) =>
        pattern === 'All' ||
        pattern === '.*' ||
        pattern === attributeName ||
        (pattern.endsWith('.*') && attributeName.startsWith(pattern.slice(0, -1))),
    );
  const picked: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(attributes)) if (matches(name)) picked[name] = value;
  return Object.keys(picked).length > 0 ? picked : undefined;
}

/** A message as ReceiveMessage returns it; the attribute MD5 covers the attributes returned. */
export function toReceivedMessage(
  message: SqsMessage,
  systemAttributeNames: readonly string[],
  messageAttributeNames: readonly string[],
): ReceivedMessage {
  const attributes = systemAttributes(message, systemAttributeNames);
  const userAttributes = messageAttributes(message, messageAttributeNames);
  const md5 = md5OfMessageAttributes(userAttributes);
  return {
    MessageId: message.messageId,
    ReceiptHandle: message.receiptHandle ?? '',
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(attributes !== undefined && { Attributes: attributes }),
    ...(userAttributes !== undefined && { MessageAttributes: userAttributes }),
    ...(md5 !== undefined && { MD5OfMessageAttributes: md5 }),
  };
}
