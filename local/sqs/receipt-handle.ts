import { randomBytes } from 'node:crypto';
import { SqsError } from './errors';

/**
 * Receipt handles name the queue and message they belong to plus a random part, so a new
 * receive makes the previous handle stale, and a handle from another queue is recognized.
 */
export function newReceiptHandle(queueName: string, messageId: string): string {
  return Buffer.from(`${queueName}\n${messageId}\n${randomBytes(12).toString('hex')}`, 'utf8').toString(
    'base64',
  );
}

export interface DecodedReceiptHandle {
  readonly queueName: string;
  readonly messageId: string;
}

export function decodeReceiptHandle(handle: string, queueName: string): DecodedReceiptHandle {
  const parts = Buffer.from(handle, 'base64').toString('utf8').split('\n');
  if (parts.length !== 3 || parts[0] !== queueName || !parts[1]) {
    throw new SqsError(
      'ReceiptHandleIsInvalid',
      `The input receipt handle "${handle}" is not a valid receipt handle.`,
    );
  }
  return { queueName, messageId: parts[1] };
}
